//! The sandbox's sense of time. Every handler asks [`Clock::now`] instead of the system
//! clock, so tests can move a session past its expiry or its payment's settlement
//! without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// The system clock, or a manual one that only moves when told to.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<Mutex<DateTime<Utc>>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock standing at `start` until [`advance`](Self::advance)d.
    pub fn manual(start: DateTime<Utc>) -> Self {
        Self(Some(Arc::new(Mutex::new(start))))
    }

    /// The time now.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            None => Utc::now(),
            Some(t) => *t.lock().unwrap_or_else(std::sync::PoisonError::into_inner),
        }
    }

    /// Moves a manual clock forward by `by`; the system clock ignores it.
    pub fn advance(&self, by: Duration) {
        if let Some(t) = &self.0 {
            let mut t = t.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *t += by;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Utc::now();
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::seconds(90));
        assert_eq!(clock.now(), start + Duration::seconds(90));
        let shared = clock.clone();
        shared.advance(Duration::seconds(10));
        assert_eq!(clock.now(), start + Duration::seconds(100));
    }
}
