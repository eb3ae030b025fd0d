//! The provider's messages by field: what a 422 said about each field the buyer filled.

use crate::checkout::FieldPath;

/// Messages by field path, at most one per path, in the order they came.
///
/// A `Vec` scanned linearly, not a `BTreeMap`: a form holds a handful of messages at a
/// time, and each `BTreeMap` instantiation adds ~6 KB of code to the widget's wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(FieldPath, String)>);

impl FieldErrors {
    /// The message for `path`, replacing an earlier one.
    pub fn insert(&mut self, path: FieldPath, message: String) {
        match self.0.iter_mut().find(|(p, _)| *p == path) {
            Some((_, m)) => *m = message,
            None => self.0.push((path, message)),
        }
    }

    /// Keeps the messages `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&FieldPath, &str) -> bool) {
        self.0.retain(|(p, m)| keep(p, m));
    }

    /// The message for `path`, if there is one.
    pub fn get(&self, path: &FieldPath) -> Option<&String> {
        self.0.iter().find(|(p, _)| p == path).map(|(_, m)| m)
    }

    /// Whether there is a message for `path`.
    pub fn contains_key(&self, path: &FieldPath) -> bool {
        self.get(path).is_some()
    }

    /// The paths that have a message.
    pub fn keys(&self) -> impl Iterator<Item = &FieldPath> {
        self.0.iter().map(|(p, _)| p)
    }

    /// Whether there is no message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::Field;

    #[test]
    fn one_message_per_path_the_latest() {
        let mut errors = FieldErrors::default();
        assert!(errors.is_empty());
        errors.insert(Field::CustomerEmail.into(), "first".into());
        errors.insert(FieldPath::part(Field::CustomerBillingAddress, "city"), "city".into());
        errors.insert(Field::CustomerEmail.into(), "second".into());
        assert_eq!(errors.get(&Field::CustomerEmail.into()).map(String::as_str), Some("second"));
        assert_eq!(errors.keys().count(), 2);
        assert!(!errors.contains_key(&FieldPath::part(Field::CustomerBillingAddress, "line1")));
        errors.retain(|p, _| p.field != Field::CustomerEmail);
        assert!(!errors.contains_key(&Field::CustomerEmail.into()));
        assert!(errors.contains_key(&FieldPath::part(Field::CustomerBillingAddress, "city")));
    }
}
