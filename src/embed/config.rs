//! Reading the options object that the JavaScript API has validated and
//! normalised (see `js/options.js`): every value already has its type, and
//! URLs are absolute and of an allowed scheme. Missing values get defaults.

use std::rc::Rc;

use js_sys::Reflect;
use leptos::prelude::Set;
use twostep_widget::backend::http::Credentials;
use twostep_widget::locale::{self, Catalogue};
use twostep_widget::{
    AdapterBackend, Backend, ContactLinks, EarlyStart, HelpTopic, HttpBackend, HttpOptions,
    SessionSource, TwoStepOptions,
};
use wasm_bindgen::{JsCast, JsValue};

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

/// The widget's options, all but the event handler. Call it under the
/// widget's reactive owner: the live settings are signals.
pub fn options(config: &JsValue) -> TwoStepOptions {
    let early = early_start(config);
    let backend: Rc<dyn Backend> = match get(config, "adapter").dyn_into::<js_sys::Function>() {
        Ok(bridge) => Rc::new(AdapterBackend::new(bridge).with_early_start(early)),
        Err(_) => Rc::new(HttpBackend::new(http(config)).with_early_start(early)),
    };
    let mut options = TwoStepOptions::new(backend);
    options.user_hint = text(config, "userHint");
    options.session = session(get(config, "session"));
    options.flow.auto_submit = get(config, "autoSubmit").as_bool().unwrap_or(true);
    options.flow.offer_remember_device = get(config, "rememberDevice").as_bool().unwrap_or(true);
    options.links.set(links(config));
    options.help_topics.set(help_topics(config));
    options.language = language(config);
    options
}

/// The `session` option: a handle, or the bridge `js/options.js` made of the
/// host's function.
fn session(value: JsValue) -> SessionSource {
    match value.as_string() {
        Some(handle) => SessionSource::Handle(handle),
        None => value
            .dyn_into()
            .map_or(SessionSource::None, SessionSource::from_js),
    }
}

/// The first `start` that `mount()` sent already (`js/early.js`), if any.
fn early_start(config: &JsValue) -> Option<EarlyStart> {
    let early = get(config, "early");
    Some(EarlyStart {
        correlation_id: text(&early, "correlationId")?,
        sent: get(&early, "sent").dyn_into().ok()?,
    })
}

fn http(config: &JsValue) -> HttpOptions {
    let mut http = HttpOptions::new(text(config, "baseUrl").unwrap_or_else(|| "/".into()));
    http.credentials = match text(config, "credentials").as_deref() {
        Some("omit") => Credentials::Omit,
        Some("include") => Credentials::Include,
        _ => Credentials::SameOrigin,
    };
    let headers = get(config, "headers");
    if headers.is_object() {
        http.headers = js_sys::Object::entries(headers.unchecked_ref())
            .iter()
            .filter_map(|pair| {
                let pair = js_sys::Array::from(&pair);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect();
    }
    http
}

/// The contact and support links.
pub fn links(config: &JsValue) -> ContactLinks {
    let links = get(config, "links");
    ContactLinks {
        admin: text(&links, "admin"),
        support: text(&links, "support"),
        help: text(&links, "help"),
        settings: text(&links, "settings"),
    }
}

/// The help topics, by their documented names; all of them when unset.
pub fn help_topics(config: &JsValue) -> Vec<HelpTopic> {
    let names = get(config, "helpTopics");
    if !js_sys::Array::is_array(&names) {
        return HelpTopic::ALL.to_vec();
    }
    js_sys::Array::from(&names)
        .iter()
        .filter_map(|name| HelpTopic::from_name(&name.as_string()?))
        .collect()
}

/// The language `js/mount.js` fetched (`{ tag, text }`, the text of its
/// locale file, SRI-checked so of this build), else English.
pub fn language(config: &JsValue) -> Catalogue {
    let language = get(config, "language");
    let tag = text(&language, "tag");
    let supported = locale::SUPPORTED
        .into_iter()
        .find(|t| Some(*t) == tag.as_deref());
    let (Some(tag), Some(json)) = (supported, text(&language, "text")) else {
        return Catalogue::english();
    };
    Catalogue::parse(tag, &json).unwrap_or_default()
}
