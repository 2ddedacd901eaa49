//! Who speaks as "I" and "we" in an article: the department or government
//! named as its outlet ("U.S. Department of State" for a press statement).

use crate::model::{Dataset, EntityKind};
use crate::text::fold;

/// The government or organization whose name or alias is `outlet`, if the
/// data has one: the author that "I" and "we" stand for in its statements.
///
/// ```
/// use newsgraph::extract::author_of;
/// use newsgraph::Dataset;
///
/// let dataset = Dataset::load("data").unwrap();
/// let state = author_of(&dataset, "U.S. Department of State").unwrap();
/// assert_eq!(dataset.entities[state].id, "us-department-of-state");
/// assert!(author_of(&dataset, "Voice of America").is_none());
/// ```
pub fn author_of(dataset: &Dataset, outlet: &str) -> Option<usize> {
    let wanted = fold(outlet.trim());
    if wanted.is_empty() {
        return None;
    }
    dataset.entities.values().position(|e| {
        matches!(e.kind, EntityKind::Government | EntityKind::Organization)
            && std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|name| fold(name) == wanted)
    })
}
