//! The flow's clock and timers.

/// Milliseconds on the driver's clock (in the browser: `Date.now()`).
pub type Millis = u64;

/// The flow's timers. Scheduling one replaces the previous timer of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Timer {
    /// The verification window ends.
    Window,
    /// The pending backend call has taken too long.
    Request,
    /// Time to poll an approval again.
    Poll,
}
