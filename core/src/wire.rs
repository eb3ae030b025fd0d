//! Reading the provider's JSON into Kassa's model without serde's deserializer.
//!
//! Why a second reader beside the serde derives: in the wasm, serde-wasm-bindgen's
//! deserializer and the derived visitors of the session's thirty types weighed more than
//! the checkout's own logic, and serde's error messages alone pulled in float formatting
//! (see the README's size section). This reader walks a [`Wire`] value (in the widget, the
//! very object the browser's `JSON.parse` made; natively, a `serde_json::Value`) with one
//! small function per type, in `checkout/read.rs`.
//!
//! The serde derives stay the reference and what the sandbox uses: a test holds this
//! reader to serde's reading of 1,500 sessions generated from Polar's OpenAPI document.
//! It reads as leniently as serde is told to (unknown keys skipped, unknown enum values
//! `Unknown`, absent optional fields defaulted) and a little more: a `null` where a
//! defaulted field was expected takes the default instead of failing the session.

use std::cell::Cell;

use serde_json::{Map, Number, Value};

use crate::checkout::ObjectMap;
use crate::{Error, Result};

/// A JSON value as the reader sees it.
pub trait Wire: Sized {
    /// The value at `key` of an object; `None` when the key is absent or `self` is not
    /// an object. A key present with `null` gives `Some` of a null value.
    fn get(&self, key: &str) -> Option<Self>;
    /// Whether this is an object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// Whether this is `null`.
    fn is_null(&self) -> bool;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The number, if this is one with no fraction that `f64` holds exactly.
    fn integer(&self) -> Option<i64> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        let n = self.number()?;
        (n.fract() == 0.0 && n.abs() <= EXACT).then_some(n as i64)
    }
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The items, if this is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The keys and values, if this is an object.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
}

impl Wire for &Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(String::from)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn integer(&self) -> Option<i64> {
        // serde_json tells `72` from `72.0` (the browser's JSON.parse does not): an
        // integer is what serde reads as one, exact beyond 2^53.
        self.as_i64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        Some(self.as_object()?.iter().map(|(k, v)| (k.clone(), v)).collect())
    }
}

/// A type read from a [`Wire`] value.
///
/// Kassa's impls are `#[inline(never)]`: inlined, every nested type
/// was copied into the session's reader (one 21 KB function), 0.7 KB brotli more.
pub trait FromWire: Sized {
    /// Reads `w`, or says where and what was expected.
    fn from_wire<W: Wire>(w: &W) -> Result<Self>;
}

/// Reads a whole value: the entry point.
pub fn read<T: FromWire, W: Wire>(w: &W) -> Result<T> {
    T::from_wire(w)
}

fn expected(what: &'static str) -> Error {
    Error::Unreadable { at: String::new(), expected: what }
}

impl Error {
    /// The error, one level further out: `key` is the field or index it happened under.
    fn within(self, key: &str) -> Self {
        match self {
            Error::Unreadable { at, expected } => {
                let at = match at.as_bytes().first() {
                    None => key.to_string(),
                    Some(b'[') => format!("{key}{at}"),
                    Some(_) => format!("{key}.{at}"),
                };
                Error::Unreadable { at, expected }
            }
            other => other,
        }
    }
}

/// An object's fields, read one by one by a type's `from_wire`, then [`Fields::done`].
///
/// A field that cannot be read records the error and stands in as `T::default()`; `done`
/// then refuses the whole value with the first error. No read returns early: a `?` after
/// each of a session's sixty fields made the compiler drop every field read before it on
/// each path, which weighed more than the reading itself.
pub struct Fields<'a, W> {
    w: &'a W,
    /// The first field that could not be read (a `Cell`: no borrow that could panic).
    error: Cell<Option<Error>>,
}

/// `w` as an object whose fields are read next.
pub fn fields<W: Wire>(w: &W) -> Result<Fields<'_, W>> {
    if w.is_object() {
        Ok(Fields { w, error: Cell::new(None) })
    } else {
        Err(expected("an object"))
    }
}

impl<W: Wire> Fields<'_, W> {
    /// `value`, unless a field could not be read.
    pub fn done<T>(&self, value: T) -> Result<T> {
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }

    /// Records `e` under `key` unless an earlier field failed first. Not generic: one
    /// copy for every field type (the caller supplies its type's default).
    fn fail(&self, key: &str, e: Error) {
        let first = self.error.take().unwrap_or_else(|| e.within(key));
        self.error.set(Some(first));
    }

    /// A field that must be there (serde: no `default`).
    ///
    /// This and the other readers of one field are never inlined: a session has some two
    /// hundred fields, and a call each weighs less than a copy of the reader each (1.2 KB
    /// brotli of the wasm).
    #[inline(never)]
    pub fn req<T: FromWire + Default>(&self, key: &str) -> T {
        self.read(key, self.value(key, false))
    }

    /// A field that may be absent or `null` (serde: `default`): then `T::default()`.
    #[inline(never)]
    pub fn opt<T: FromWire + Default>(&self, key: &str) -> T {
        self.read(key, self.value(key, true))
    }

    /// The value at `key`; absent (or, `null_is_absent`, `null`) is `None`, and then
    /// an error unless `null_is_absent` (a required field). Not generic: the lookup is
    /// one copy for every field type.
    #[inline(never)]
    fn value(&self, key: &str, null_is_absent: bool) -> Option<W> {
        let value = self.w.get(key).filter(|v| !(null_is_absent && v.is_null()));
        if value.is_none() && !null_is_absent {
            self.fail(key, expected("a value"));
        }
        value
    }

    /// `value` read as a `T`; `T::default()` for none or where it cannot be read (the
    /// error recorded).
    fn read<T: FromWire + Default>(&self, key: &str, value: Option<W>) -> T {
        match value.map(|v| T::from_wire(&v)) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                self.fail(key, e);
                T::default()
            }
            None => T::default(),
        }
    }

    /// A string field that takes `default` when absent or `null`.
    #[inline(never)]
    pub fn or(&self, key: &str, default: &str) -> String {
        self.opt::<Option<String>>(key).unwrap_or_else(|| default.to_string())
    }

    /// A nullable field where absent and `null` differ: `None` absent, `Some(None)` null.
    #[inline(never)]
    pub fn present<T: FromWire>(&self, key: &str) -> Option<Option<T>> {
        match Option::<T>::from_wire(&self.w.get(key)?) {
            Ok(t) => Some(t),
            Err(e) => {
                self.fail(key, e);
                None
            }
        }
    }

    /// A string field read by `parse`; anything else (absent, `null`, another type, a
    /// value `parse` refuses) is `None`.
    #[inline(never)]
    pub fn lenient<T>(&self, key: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        self.w.get(key)?.string().as_deref().and_then(parse)
    }
}

impl FromWire for String {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        w.string().ok_or_else(|| expected("a string"))
    }
}

impl FromWire for bool {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        w.boolean().ok_or_else(|| expected("a boolean"))
    }
}

impl FromWire for i64 {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        w.integer().ok_or_else(|| expected("an integer"))
    }
}

/// Integers narrower than `i64`: refused out of their range, as serde refuses them.
macro_rules! narrow_integers {
    ($($t:ty => $what:literal),*) => {$(
        impl FromWire for $t {
            #[inline(never)]
            fn from_wire<W: Wire>(w: &W) -> Result<Self> {
                w.integer().and_then(|n| <$t>::try_from(n).ok()).ok_or_else(|| expected($what))
            }
        }
    )*};
}
narrow_integers!(i32 => "a 32-bit integer", u32 => "a non-negative 32-bit integer", u8 => "an integer from 0 to 255");

impl<T: FromWire> FromWire for Option<T> {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        if w.is_null() {
            Ok(None)
        } else {
            T::from_wire(w).map(Some)
        }
    }
}

impl<T: FromWire> FromWire for Vec<T> {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let items = w.items().ok_or_else(|| expected("an array"))?;
        // A loop, not `collect::<Result<_>>()`: its adapter was a sizeable instantiation
        // per element type in the wasm.
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(T::from_wire(v).map_err(|e| e.within(&format!("[{i}]")))?);
        }
        Ok(out)
    }
}

/// Reads each entry of an object as a `T` and hands it to `insert`, in the object's order.
fn each_entry<T: FromWire, W: Wire>(w: &W, mut insert: impl FnMut(String, T)) -> Result<()> {
    for (k, v) in w.entries().ok_or_else(|| expected("an object"))? {
        let t = T::from_wire(&v).map_err(|e| e.within(&k))?;
        insert(k, t);
    }
    Ok(())
}

impl<T: FromWire> FromWire for ObjectMap<T> {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let mut map = Self::default();
        each_entry(w, |k, t| map.insert(k, t))?;
        Ok(map)
    }
}

impl FromWire for Map<String, Value> {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        let mut map = Map::new();
        each_entry(w, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

/// Any JSON, kept as it came (custom field values, processor metadata).
impl FromWire for Value {
    #[inline(never)]
    fn from_wire<W: Wire>(w: &W) -> Result<Self> {
        if w.is_null() {
            return Ok(Value::Null);
        }
        if let Some(b) = w.boolean() {
            return Ok(Value::Bool(b));
        }
        if let Some(s) = w.string() {
            return Ok(Value::String(s));
        }
        if let Some(n) = w.integer() {
            return Ok(Value::Number(n.into()));
        }
        if let Some(n) = w.number() {
            return Ok(Number::from_f64(n).map_or(Value::Null, Value::Number));
        }
        if let Some(items) = w.items() {
            return items.iter().map(Value::from_wire).collect::<Result<_>>().map(Value::Array);
        }
        Map::from_wire(w).map(Value::Object)
    }
}

/// [`FromWire`] for a unit enum from its wire names; any other string is `Unknown`, as
/// serde's `#[serde(other)]` reads it.
#[macro_export]
macro_rules! wire_enum {
    ($ty:ty { $($name:literal => $variant:ident),* $(,)? }) => {
        impl $crate::wire::FromWire for $ty {
            #[inline(never)]
            fn from_wire<W: $crate::wire::Wire>(w: &W) -> $crate::Result<Self> {
                let name = <String as $crate::wire::FromWire>::from_wire(w)?;
                Ok(match name.as_str() {
                    $($name => Self::$variant,)*
                    _ => Self::Unknown,
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Default)]
    struct Tier {
        min: u32,
        max: Option<u32>,
        label: String,
        cap: Option<Option<i64>>,
    }

    impl FromWire for Tier {
        fn from_wire<W: Wire>(w: &W) -> Result<Self> {
            let f = fields(w)?;
            f.done(Self { min: f.req("min"), max: f.opt("max"), label: f.or("label", "none"), cap: f.present("cap") })
        }
    }

    fn unreadable(at: &str, expected: &'static str) -> Error {
        Error::Unreadable { at: at.into(), expected }
    }

    #[test]
    fn fields_default_when_absent_and_tell_absent_from_null_where_asked() {
        let t: Tier = read(&&json!({"min": 2, "extra": [1, 2]})).unwrap();
        assert_eq!(t, Tier { min: 2, max: None, label: "none".into(), cap: None });
        let t: Tier = read(&&json!({"min": 2, "max": null, "label": null, "cap": null})).unwrap();
        assert_eq!((t.max, t.label.as_str(), t.cap), (None, "none", Some(None)));
        let t: Tier = read(&&json!({"min": 2, "max": 9, "cap": 500})).unwrap();
        assert_eq!((t.max, t.cap), (Some(9), Some(Some(500))));
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        // The first field that cannot be read is the one named.
        let two_bad = json!({"min": "one", "max": "nine"});
        assert_eq!(read::<Tier, _>(&&two_bad).unwrap_err(), unreadable("min", "a non-negative 32-bit integer"));
        let tiers = json!({"tiers": [{"min": 1}, {"min": -1}]});
        let read_tiers = |v: &Value| {
            let f = fields(&v)?;
            let tiers = f.req::<Vec<Tier>>("tiers");
            f.done(tiers)
        };
        assert_eq!(read_tiers(&tiers).unwrap_err(), unreadable("tiers[1].min", "a non-negative 32-bit integer"));
        assert_eq!(read_tiers(&json!({"tiers": [{}]})).unwrap_err(), unreadable("tiers[0].min", "a value"));
        assert_eq!(read_tiers(&json!({"tiers": {}})).unwrap_err(), unreadable("tiers", "an array"));
        assert_eq!(read::<Tier, _>(&&json!([])).unwrap_err(), unreadable("", "an object"));
        assert_eq!(read::<i64, _>(&&json!(1.5)).unwrap_err(), unreadable("", "an integer"));
        assert_eq!(
            read::<ObjectMap<u8>, _>(&&json!({"a": 1, "b": 256})).unwrap_err(),
            unreadable("b", "an integer from 0 to 255")
        );
        assert_eq!(
            unreadable("tiers[0].min", "a value").to_string(),
            "unreadable JSON at tiers[0].min: expected a value"
        );
        assert_eq!(unreadable("", "an object").to_string(), "unreadable JSON: expected an object");
    }

    #[test]
    fn any_json_is_kept_as_it_came() {
        let v = json!({"a": [1, -2, 2.5, "x", true, null, {"b": {}}], "big": 9_007_199_254_740_993_i64});
        assert_eq!(read::<Value, _>(&&v).unwrap(), v);
    }

    #[test]
    fn lenient_fields_are_none_for_anything_unparsed() {
        let w = json!({"a": "month", "b": 3, "c": "fortnight", "d": null});
        let w = &w;
        let f = fields(&w).unwrap();
        let parse = |s: &str| (s == "month").then_some(1);
        assert_eq!(["a", "b", "c", "d", "e"].map(|k| f.lenient(k, parse)), [Some(1), None, None, None, None]);
    }
}
