//! Running Graphviz as a child process that cannot outlive the run: the DOT
//! goes through a pipe (no temporary file), the child is killed when the
//! caller returns early or its time is up, and on Linux the kernel kills it
//! when its parent dies.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::ExportError;

/// How long Graphviz may take for one picture before it is killed.
pub const GRAPHVIZ_TIMEOUT: Duration = Duration::from_secs(300);

/// A child process killed and reaped when dropped.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// Runs `dot ARGS` with `input` on its standard input and returns its
/// standard output; kills it after `timeout`.
pub fn run_dot(input: &str, args: &[String], timeout: Duration) -> Result<Vec<u8>, ExportError> {
    let mut command = Command::new("dot");
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    die_with_parent(&mut command);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ExportError::GraphvizMissing,
        _ => ExportError::Graphviz(e.to_string()),
    })?;
    let mut child = KillOnDrop(child);
    let stdin = child.0.stdin.take();
    let stdout = child.0.stdout.take();
    let stderr = child.0.stderr.take();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut stdin) = stdin {
                let _ = stdin.write_all(input.as_bytes()); // an early exit shows in the status
            }
        });
        let output = scope.spawn(move || read_all(stdout));
        let errors = scope.spawn(move || read_all(stderr));
        let status = wait_until(&mut child.0, timeout);
        if status.is_err() {
            let _ = child.0.kill();
        }
        let output = output.join().unwrap_or_default();
        let errors = errors.join().unwrap_or_default();
        match status {
            Ok(status) if status.success() => Ok(output),
            Ok(status) => Err(ExportError::Graphviz(format!(
                "{status}: {}",
                String::from_utf8_lossy(&errors).trim()
            ))),
            Err(error) => Err(error),
        }
    })
}

/// Everything a pipe gives until it closes.
fn read_all(pipe: Option<impl Read>) -> Vec<u8> {
    let mut bytes = Vec::new();
    if let Some(mut pipe) = pipe {
        let _ = pipe.read_to_end(&mut bytes);
    }
    bytes
}

/// Waits for the child at most `timeout`, polling more slowly as time passes.
fn wait_until(
    child: &mut Child,
    timeout: Duration,
) -> Result<std::process::ExitStatus, ExportError> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() >= deadline => {
                return Err(ExportError::GraphvizTimeout(timeout.as_secs()))
            }
            Ok(None) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(error) => return Err(ExportError::Graphviz(error.to_string())),
        }
    }
}

/// On Linux, asks the kernel to kill the child when the thread that started it ends.
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: prctl is async-signal-safe and touches only the child's own state.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// Elsewhere the kill-on-drop guard and the timeout are all there is.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_command: &mut Command) {}
