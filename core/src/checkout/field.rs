//! Naming what a buyer edits: a set of update [`Field`]s, and a [`FieldPath`] into one
//! (`customer_billing_address.country`, `custom_field_data.company`), the form in which a
//! 422's `loc`, "Still needed" and the widget's element ids name a field.

use std::fmt;

pub use crate::checkout::update::Field;

impl Field {
    /// The field with this wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.name() == name)
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of fields (a bit set: copied, compared and tested for free).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldSet(u32);

impl FieldSet {
    /// No field.
    pub const EMPTY: Self = Self(0);

    /// Adds `field`.
    pub fn insert(&mut self, field: Field) {
        self.0 |= field.bit();
    }

    /// Whether `field` is in the set.
    pub fn contains(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Every field of either set.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The fields of this set that are not in `other`.
    pub fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// The fields, in wire order.
    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.iter().copied().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Field> for FieldSet {
    fn from_iter<I: IntoIterator<Item = Field>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for field in iter {
            set.insert(field);
        }
        set
    }
}

impl From<Field> for FieldSet {
    fn from(field: Field) -> Self {
        Self(field.bit())
    }
}

/// A field, or a part of one: an address line, a custom field's slug.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath {
    /// The update field.
    pub field: Field,
    /// The part of it, if any (`country`, a custom field's slug).
    pub key: Option<String>,
}

impl FieldPath {
    /// A path to a part of `field`.
    pub fn part(field: Field, key: impl Into<String>) -> Self {
        Self { field, key: Some(key.into()) }
    }

    /// A path read from its segments (a 422's `loc` without `"body"`); `None` when the
    /// first segment is not an update field.
    pub fn from_segments<S: AsRef<str>>(segments: &[S]) -> Option<Self> {
        let field = Field::parse(segments.first()?.as_ref())?;
        let key = segments.get(1).map(|k| k.as_ref().to_string());
        Some(Self { field, key })
    }

    /// A path read from its dotted form (`customer_billing_address.city`).
    pub fn parse(dotted: &str) -> Option<Self> {
        let mut parts = dotted.splitn(2, '.');
        let field = Field::parse(parts.next()?)?;
        Some(Self { field, key: parts.next().map(String::from) })
    }
}

impl From<Field> for FieldPath {
    fn from(field: Field) -> Self {
        Self { field, key: None }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field.name())?;
        if let Some(key) = &self.key {
            write!(f, ".{key}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_fields_in_wire_order() {
        let mut set: FieldSet = [Field::Locale, Field::Seats].into_iter().collect();
        assert!(set.contains(Field::Seats) && !set.contains(Field::Amount));
        set.insert(Field::ProductId);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Field::ProductId, Field::Seats, Field::Locale]);
        assert_eq!(set.without(Field::Seats.into()).iter().count(), 2);
        assert!(FieldSet::EMPTY.is_empty() && !set.is_empty());
        assert_eq!(FieldSet::EMPTY.union(Field::Amount.into()), Field::Amount.into());
    }

    #[test]
    fn paths_print_and_parse() {
        let city = FieldPath::part(Field::CustomerBillingAddress, "city");
        assert_eq!(city.to_string(), "customer_billing_address.city");
        assert_eq!(FieldPath::parse("customer_billing_address.city"), Some(city.clone()));
        assert_eq!(FieldPath::from_segments(&["customer_billing_address", "city"]), Some(city));
        assert_eq!(FieldPath::from(Field::CustomerEmail).to_string(), "customer_email");
        assert_eq!(FieldPath::parse("confirmation_token_id"), None);
        assert_eq!(FieldPath::from_segments::<&str>(&[]), None);
    }
}
