//! Settings of the flow that the host may change.

/// Settings of the flow. `FlowConfig::default()` documents each default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowConfig {
    /// Submit the code as soon as all its digits are in. Default: `true`.
    pub auto_submit: bool,
    /// How long any backend call may take before it counts as failed, in ms.
    /// Default: 15 000.
    pub request_timeout_ms: u64,
    /// When the backend gives no hint, suggest another option this long after a
    /// code was sent, in ms. Default: 30 000.
    pub suggest_other_after_ms: u64,
    /// Lower bound on the poll interval the backend asks for, in ms. Default: 1 000.
    pub min_poll_ms: u64,
    /// Upper bound on the poll interval the backend asks for, in ms. Default: 10 000.
    pub max_poll_ms: u64,
    /// Lockout to assume when the backend locks without a retry time, in ms.
    /// Default: 60 000.
    pub default_lockout_ms: u64,
    /// Offer "don't ask again on this device" when the backend allows it
    /// (its challenge has `remember_device_days`); `false` hides the offer, and
    /// the flow then never asks the backend to remember the device.
    /// Default: `true`.
    pub offer_remember_device: bool,
}

impl Default for FlowConfig {
    fn default() -> Self {
        FlowConfig {
            auto_submit: true,
            request_timeout_ms: 15_000,
            suggest_other_after_ms: 30_000,
            min_poll_ms: 1_000,
            max_poll_ms: 10_000,
            default_lockout_ms: 60_000,
            offer_remember_device: true,
        }
    }
}
