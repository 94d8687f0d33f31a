//! Host events as JavaScript sees them: a name and a plain object with
//! camelCase keys, which `js/` turns into a callback call and a DOM
//! `CustomEvent` on the host element. The details are stable API: see the
//! events table in the README and `js/twostep.d.ts`.
//!
//! The objects are built with `Reflect.set` rather than serde: the same fields
//! cost about a kilobyte less in the bundle.

use std::rc::Rc;

use js_sys::{Object, Reflect};
use twostep_flow::{FailureDetails, Reminder};
use twostep_protocol::Method;
use twostep_widget::browser::environment;
use twostep_widget::details::{WIDGET_VERSION, clipboard_text, fields};
use twostep_widget::format::{mask_target, page_url, timestamp};
use twostep_widget::{EventHandler, HostEvent};
use wasm_bindgen::JsValue;

/// A detail object under construction.
struct Detail(Object);

impl Detail {
    fn new() -> Self {
        Detail(Object::new())
    }

    /// Sets `key`; `None` becomes `null`, so every documented key is present.
    fn text(self, key: &str, value: Option<&str>) -> Self {
        self.value(key, value.map_or(JsValue::NULL, JsValue::from_str))
    }

    fn value(self, key: &str, value: JsValue) -> Self {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    fn method(self, method: Option<&Method>) -> Self {
        let value = method.map_or(JsValue::NULL, |m| {
            Detail::new()
                .text("id", Some(&m.id))
                .text("kind", Some(m.kind.as_str()))
                .text("target", m.target.as_deref().map(mask_target).as_deref())
                .text("label", m.label.as_deref())
                .0
                .into()
        });
        self.value("method", value)
    }
}

/// `error` and `timeout`: what the details panel shows, field by field, and
/// the panel's copied text.
fn details(failure: &FailureDetails, tag: &str) -> Detail {
    let env = environment(failure.at, tag);
    Detail::new()
        .text("code", Some(failure.code.as_str()))
        .text("message", Some(&failure.message))
        .text("userId", failure.user.as_deref())
        .text("pageUrl", Some(&page_url(&env.href)))
        .text("sessionRef", failure.session_ref.as_deref())
        .text("correlationId", failure.correlation_id.as_deref())
        .text(
            "timestamp",
            Some(&timestamp(failure.at, &env.local_time, env.zone.as_deref())),
        )
        .text("serverTimestamp", failure.server_timestamp.as_deref())
        .method(failure.method.as_ref())
        .text("version", Some(WIDGET_VERSION))
        .text("text", Some(&clipboard_text(&fields(failure, &env))))
}

/// The name and detail of `event`.
fn describe(event: &HostEvent, tag: &str) -> (&'static str, Detail) {
    match event {
        HostEvent::Ready {
            session_ref,
            user,
            method,
        } => (
            "ready",
            Detail::new()
                .text("sessionRef", Some(session_ref))
                .text("user", Some(user))
                .method(Some(method)),
        ),
        HostEvent::Verified {
            assertion,
            session_ref,
            remember_device,
            reminder,
        } => (
            "verified",
            Detail::new()
                .text("assertion", Some(assertion))
                .text("sessionRef", Some(session_ref))
                .value("rememberDevice", JsValue::from_bool(*remember_device))
                .text("reminder", reminder.map(Reminder::as_str)),
        ),
        HostEvent::Error(failure) => ("error", details(failure, tag)),
        HostEvent::TimedOut(failure) => ("timeout", details(failure, tag)),
        HostEvent::MethodChanged { method } => ("methodchange", Detail::new().method(Some(method))),
    }
}

/// An event handler that calls `notify(name, detail)`, with times written
/// for the language `tag`, the widget's.
pub fn notifier(notify: js_sys::Function, tag: &'static str) -> EventHandler {
    Rc::new(move |event| {
        let (name, detail) = describe(event, tag);
        // A throwing host callback must not break the widget; the JS side
        // catches and logs callback errors itself.
        let _ = notify.call2(&JsValue::NULL, &JsValue::from_str(name), &detail.0);
    })
}
