//! The widget's components. Each renders part of the flow's state and sends
//! events to the [`crate::driver::Controller`]; the decisions they render
//! (which screen, which notice is an error, the way forward) are the flow's,
//! and none holds state of its own beyond what is purely visual (a copy
//! confirmation). Each component's CSS is beside it (`name.css`), themed by
//! `--ts-*` custom properties; `style/twostep.css` lists them in cascade
//! order.

mod approval;
mod cant_use_any;
mod code_entry;
mod contact_links;
mod context;
mod details_panel;
mod failure;
mod help;
mod other_option;
mod picker;
mod progress;
mod recovery;
mod remember_device;
mod screen_title;
mod two_step;
mod verified;
mod window_clock;

pub use two_step::TwoStep;
