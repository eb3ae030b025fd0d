//! A JSON body extractor that rejects like Polar: malformed JSON, wrong types and missing
//! fields all answer 422 (`HTTPValidationError`) with a `loc` that points at the field,
//! never a 400 or a 500.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::error::{AppError, FieldError};

/// `Json<T>` with Polar's error shape.
pub struct PolarJson<T>(pub T);

impl<S, T> FromRequest<S> for PolarJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            AppError::field(FieldError {
                loc: vec![json!("body")],
                msg: format!("Could not read the body: {e}"),
                kind: "json_invalid".into(),
                input: Value::Null,
            })
        })?;
        parse(&bytes).map(PolarJson)
    }
}

/// Parses a body, mapping every failure to a 422 with the path of the field at fault.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::field(FieldError {
            loc: vec![json!("body")],
            msg: "Field required".into(),
            kind: "missing".into(),
            input: Value::Null,
        }));
    } else {
        serde_json::from_slice(bytes).map_err(|e| {
            AppError::field(FieldError {
                loc: vec![json!("body"), json!(e.column())],
                msg: "JSON decode error".into(),
                kind: "json_invalid".into(),
                input: json!({}),
            })
        })?
    };
    // serde reads a struct from a JSON array too; Polar's bodies are objects only.
    if !value.is_object() {
        return Err(AppError::field(FieldError {
            loc: vec![json!("body")],
            msg: "Input should be a valid dictionary or object to extract fields from".into(),
            kind: "model_attributes_type".into(),
            input: value,
        }));
    }
    parse_value(value)
}

/// Deserializes a parsed body, mapping a failure to a 422 at the field's path.
pub fn parse_value<T: DeserializeOwned>(value: Value) -> Result<T, AppError> {
    serde_path_to_error::deserialize(&value).map_err(|e| {
        let mut loc = vec![json!("body")];
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => loc.push(json!(index)),
                serde_path_to_error::Segment::Map { key } => loc.push(json!(key)),
                serde_path_to_error::Segment::Enum { variant } => loc.push(json!(variant)),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        let message = e.inner().to_string();
        let (kind, msg) = if let Some(field) = message.strip_prefix("missing field ") {
            loc.push(json!(field.trim_matches('`')));
            ("missing", "Field required".to_string())
        } else if let Some(rest) = message.strip_prefix("unknown field `") {
            // The path usually ends at the unknown key already.
            if let Some((field, _)) = rest.split_once('`') {
                if loc.last() != Some(&json!(field)) {
                    loc.push(json!(field));
                }
            }
            ("extra_forbidden", "Extra inputs are not permitted".to_string())
        } else {
            ("type_error", message)
        };
        let input = lookup(&value, &loc[1..]).cloned().unwrap_or(Value::Null);
        AppError::field(FieldError { loc, msg, kind: kind.into(), input })
    })
}

fn lookup<'a>(value: &'a Value, path: &[Value]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, seg| match seg {
        Value::String(key) => v.get(key),
        Value::Number(n) => v.get(n.as_u64()? as usize),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        products: Vec<String>,
        seats: Option<u32>,
    }

    fn detail(err: AppError) -> FieldError {
        match err {
            AppError::Validation(mut v) => v.remove(0),
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_json_is_a_422_json_invalid() {
        let e = detail(parse::<Body>(b"{\"products\": [").unwrap_err());
        assert_eq!(e.kind, "json_invalid");
        assert_eq!(e.loc[0], json!("body"));
    }

    #[test]
    fn wrong_type_points_at_the_field() {
        let e = detail(parse::<Body>(br#"{"products": ["a"], "seats": "many"}"#).unwrap_err());
        assert_eq!(e.loc, vec![json!("body"), json!("seats")]);
        assert_eq!(e.kind, "type_error");
        assert_eq!(e.input, json!("many"));
    }

    #[test]
    fn missing_field_is_named() {
        let e = detail(parse::<Body>(br#"{}"#).unwrap_err());
        assert_eq!(e.loc, vec![json!("body"), json!("products")]);
        assert_eq!(e.kind, "missing");
    }

    #[test]
    fn empty_body_is_missing() {
        assert_eq!(detail(parse::<Body>(b"  ").unwrap_err()).kind, "missing");
    }
}
