//! PageRank on an undirected multigraph, written here because petgraph's is
//! quadratic in the number of nodes.

/// PageRank of every node of an undirected graph given as adjacency lists
/// (an edge appears in both lists; parallel edges count once each).
///
/// Power iteration with damping `alpha`; a node without edges spreads its
/// rank evenly, as networkx does. Stops when the total change is below
/// `tolerance` or after 1,000 iterations. Linear in nodes + edges per iteration.
pub fn pagerank(adjacency: &[Vec<usize>], alpha: f64, tolerance: f64) -> Vec<f64> {
    let n = adjacency.len();
    if n == 0 {
        return Vec::new();
    }
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    for _ in 0..1000 {
        let dangling: f64 = adjacency
            .iter()
            .zip(&rank)
            .filter(|(edges, _)| edges.is_empty())
            .map(|(_, r)| r)
            .sum();
        let base = (1.0 - alpha) * uniform + alpha * dangling * uniform;
        let mut next = vec![base; n];
        for (node, edges) in adjacency.iter().enumerate() {
            if edges.is_empty() {
                continue;
            }
            let share = alpha * rank[node] / edges.len() as f64;
            for &target in edges {
                next[target] += share;
            }
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < tolerance * n as f64 {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values from networkx 3: `nx.pagerank(G, alpha=0.85)` on the same graphs.
    #[test]
    fn matches_networkx() {
        // Triangle 0-1-2 with a tail 2-3.
        let adjacency = vec![vec![1, 2], vec![0, 2], vec![0, 1, 3], vec![2]];
        let rank = pagerank(&adjacency, 0.85, 1e-10);
        let expected = [0.2459, 0.2459, 0.3667, 0.1414];
        for (got, want) in rank.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{rank:?}");
        }
        // A star with an isolated node.
        let adjacency = vec![vec![1, 2, 3], vec![0], vec![0], vec![0], vec![]];
        let rank = pagerank(&adjacency, 0.85, 1e-10);
        let expected = [0.4624, 0.1672, 0.1672, 0.1672, 0.0361];
        for (got, want) in rank.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{rank:?}");
        }
        assert!((rank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // Parallel edges count each: 0=1 twice, 1-2 once.
        let adjacency = vec![vec![1, 1], vec![0, 0, 2], vec![1]];
        let rank = pagerank(&adjacency, 0.85, 1e-10);
        let expected = [0.3257, 0.4865, 0.1878];
        for (got, want) in rank.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{rank:?}");
        }
    }
}
