//! [`ObjectMap`]: a JSON object's entries by key, as the model holds Polar's few maps
//! (`prices` by product ID, a fixed discount's `amounts` by currency).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Entries by key, in the order they came; a later entry of the same key replaces an
/// earlier one, as `JSON.parse` and serde_json read duplicate keys.
///
/// A `Vec` scanned linearly, not a `BTreeMap`: these maps hold a handful of entries, and
/// each `BTreeMap` instantiation adds ~6 KB of code to the widget's wasm. Two maps are
/// equal when they hold the same entries in any order, as JSON objects are.
#[derive(Clone, Debug)]
pub struct ObjectMap<V>(Vec<(String, V)>);

impl<V> Default for ObjectMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<V> ObjectMap<V> {
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key` to `value`, replacing an earlier value.
    pub fn insert(&mut self, key: String, value: V) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it has no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: PartialEq> PartialEq for ObjectMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<V: Eq> Eq for ObjectMap<V> {}

impl<K: Into<String>, V> FromIterator<(K, V)> for ObjectMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        let mut map = Self::default();
        for (k, v) in entries {
            map.insert(k.into(), v);
        }
        map
    }
}

impl<V: Serialize> Serialize for ObjectMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for ObjectMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = ObjectMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = ObjectMap::default();
                while let Some((k, v)) = access.next_entry::<String, V>()? {
                    map.insert(k, v);
                }
                Ok(map)
            }
        }
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_as_a_json_object() {
        let map: ObjectMap<i64> = serde_json::from_str(r#"{"usd": 500, "eur": 450, "usd": 600}"#).unwrap();
        assert_eq!(map.get("usd"), Some(&600), "the later duplicate wins");
        assert_eq!(map.get("jpy"), None);
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"usd":600,"eur":450}"#);
        let reordered: ObjectMap<i64> = [("eur", 450), ("usd", 600)].into_iter().collect();
        assert_eq!(map, reordered, "order does not matter");
        assert_ne!(map, [("eur", 450)].into_iter().collect::<ObjectMap<i64>>());
        assert!(serde_json::from_str::<ObjectMap<i64>>("[1]").is_err());
    }
}
