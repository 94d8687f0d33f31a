//! The driver: runs the pure flow against the browser. It turns effects into
//! backend calls, timers, focus moves and host events, and feeds the results
//! back as events. This is the only place the widget does IO.

use std::rc::Rc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_flow::{Answer, Call, Effect, Event, Flow, Focus, Timer};
use twostep_protocol::{ApiError, ErrorCode};

use crate::backend::{Backend, BackendFuture};
use crate::browser::now_ms;
use crate::options::{EventHandler, SessionSource};

/// What the driver does IO with: the backend, the host's session source
/// and event handler, and the timers it armed.
struct Resources {
    backend: Rc<dyn Backend>,
    session: SessionSource,
    on_event: Option<EventHandler>,
    /// One slot per [`Timer`] kind.
    timers: [Option<TimeoutHandle>; 3],
    ticker: Option<IntervalHandle>,
}

/// A handle on one running widget: its state, its display clock, and what
/// it does IO with.
/// It is `Copy`; every component of the widget holds one.
#[derive(Clone, Copy)]
pub struct Controller {
    /// The flow's state; components render from it.
    pub flow: RwSignal<Flow>,
    /// The display clock (Unix ms), ticking once a second for countdowns.
    pub now: RwSignal<u64>,
    /// The widget's root element, to find focus targets inside it.
    pub root: NodeRef<html::Section>,
    resources: StoredValue<Resources, LocalStorage>,
}

impl Controller {
    /// A controller for `flow`, talking to `backend`, with sessions from
    /// `session`. Its timers stop when the reactive owner it was created
    /// under is cleaned up (the widget unmounts).
    pub fn new(
        flow: Flow,
        backend: Rc<dyn Backend>,
        session: SessionSource,
        on_event: Option<EventHandler>,
    ) -> Self {
        let ctrl = Controller {
            flow: RwSignal::new(flow),
            now: RwSignal::new(now_ms()),
            root: NodeRef::new(),
            resources: StoredValue::new_local(Resources {
                backend,
                session,
                on_event,
                timers: [None; 3],
                ticker: None,
            }),
        };
        let now = ctrl.now;
        let ticker = set_interval_with_handle(
            move || {
                now.try_set(now_ms());
            },
            Duration::from_secs(1),
        )
        .ok();
        ctrl.resources.update_value(|r| r.ticker = ticker);
        on_cleanup(move || ctrl.stop());
        ctrl
    }

    /// Feeds one event to the flow and carries out the effects.
    pub fn dispatch(self, event: Event) {
        let Some(current) = self.flow.try_get_untracked() else {
            return; // Unmounted: late answers and timers are dropped.
        };
        let now = now_ms();
        let (next, effects) = current.step(event, now);
        // Backend calls start before the new state renders, so that the
        // request and the rendering overlap (the first code's `send` and the
        // code screen, for one).
        let (calls, others): (Vec<_>, Vec<_>) = effects
            .into_iter()
            .partition(|e| matches!(e, Effect::Call { .. }));
        for call in calls {
            self.run(call);
        }
        self.now.try_set(now);
        self.flow.try_set(next);
        // A host callback may unmount the widget half-way through; everything
        // below copes with disposed signals.
        for effect in others {
            self.run(effect);
        }
    }

    fn run(self, effect: Effect) {
        match effect {
            Effect::Call {
                id,
                call,
                correlation_id: cid,
            } => {
                let Some((backend, session)) = self
                    .resources
                    .try_with_value(|r| (r.backend.clone(), r.session.clone()))
                else {
                    return;
                };
                // The backend starts its request here, before the screen
                // this call belongs to renders: the two overlap.
                let call: BackendFuture<Answer> = match call {
                    Call::Session { fresh } => Box::pin(async move {
                        match session {
                            SessionSource::Fetch(get) => get(fresh).await.map(Answer::Session),
                            _ => Err(String::new()),
                        }
                        .map_err(|why| ApiError::new(ErrorCode::Internal, why))
                    }),
                    Call::Start(r) => answered(backend.start(r, cid), Answer::Started),
                    Call::Send(r) => answered(backend.send(r, cid), Answer::Sent),
                    Call::Verify(r) => answered(backend.verify(r, cid), Answer::Verified),
                    Call::Poll(r) => answered(backend.poll(r, cid), Answer::Polled),
                };
                spawn_local(async move {
                    let result = call.await;
                    self.dispatch(Event::Response { id, result });
                });
            }
            Effect::Schedule { timer, after_ms } => {
                self.cancel(timer);
                let handle = set_timeout_with_handle(
                    move || {
                        self.resources
                            .try_update_value(|r| r.timers[slot(timer)] = None);
                        self.dispatch(Event::TimerFired(timer));
                    },
                    Duration::from_millis(after_ms),
                );
                if let Ok(handle) = handle {
                    self.resources
                        .try_update_value(|r| r.timers[slot(timer)] = Some(handle));
                }
            }
            Effect::Cancel(timer) => self.cancel(timer),
            Effect::Focus(target) => {
                let root = self.root;
                // After the new screen has rendered.
                request_animation_frame(move || focus(root, target));
            }
            Effect::Reload => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
            Effect::Emit(event) => {
                if let Some(Some(f)) = self.resources.try_with_value(|r| r.on_event.clone()) {
                    f(&event);
                }
            }
        }
    }

    fn cancel(self, timer: Timer) {
        if let Some(Some(handle)) = self
            .resources
            .try_update_value(|r| r.timers[slot(timer)].take())
        {
            handle.clear();
        }
    }

    /// Stops every timer; nothing runs after this.
    fn stop(self) {
        self.resources.try_update_value(|r| {
            for handle in r.timers.iter_mut().filter_map(Option::take) {
                handle.clear();
            }
            if let Some(t) = r.ticker.take() {
                t.clear();
            }
        });
    }
}

/// A backend call's future, its result wrapped as the flow's [`Answer`].
fn answered<T: 'static>(call: BackendFuture<T>, wrap: fn(T) -> Answer) -> BackendFuture<Answer> {
    Box::pin(async move { call.await.map(wrap) })
}

fn slot(timer: Timer) -> usize {
    match timer {
        Timer::Window => 0,
        Timer::Request => 1,
        Timer::Poll => 2,
    }
}

/// Where each focus target is, as a CSS selector: a `data-focus` value, and
/// for an opener the failure screen's links too (the way to another option
/// comes first, else "I can't use any of these options").
pub fn focus_selector(target: Focus) -> &'static str {
    match target {
        Focus::Heading => "[data-focus=heading]",
        Focus::CodeInput => "[data-focus=code]",
        Focus::Picker => "[data-focus=picker]",
        Focus::Opener => "[data-focus=opener],.ts-failure .ts-link",
    }
}

fn focus(root: NodeRef<html::Section>, target: Focus) {
    use wasm_bindgen::JsCast;
    let Some(root) = root.try_get_untracked().flatten() else {
        return;
    };
    let find = |selector| root.query_selector(selector).ok().flatten();
    // An opener the screen does not show: its heading instead.
    if let Some(el) = find(focus_selector(target))
        .or_else(|| (target == Focus::Opener).then(|| find(focus_selector(Focus::Heading)))?)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
