//! `cargo xtask build`: the demo page into dist/ and the embeddable bundle (no demo) into
//! dist/bundle/, then a check of the files.
//!
//! Both are cargo, wasm-bindgen (`--target web`), wasm-opt (npm binaryen) and
//! esbuild, with no trunk: the demo page is what `trunk build --release` made
//! of index.html (see [`page`]), and trunk stays optional, for `trunk serve`.

use std::path::Path;

use crate::page::Page;
use crate::process::{self, command};
use crate::setup::{self, Scope};
use crate::{Error, Result, css, exports, minify};

/// The files a release build must leave in dist/.
pub const DIST_FILES: [&str; 5] = [
    "twostep.js",
    "twostep_bg.wasm",
    "twostep.css",
    "index.html",
    "boot.js",
];

/// The embeddable bundle's files, in dist/bundle/: what a login page ships.
pub const BUNDLE_FILES: [&str; 3] = ["twostep_bg.wasm", "twostep.js", "twostep.css"];

/// What ships beside the bundle files: the TypeScript declarations of the JS API.
pub const BUNDLE_EXTRAS: [&str; 1] = ["twostep.d.ts"];

/// The wasm features rustc's wasm32 target emits, for binaryen's tools.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// wasm-opt's passes for the bundle, each measured in brotli bytes: `-Os`
/// compresses smaller than `-Oz` (0.7 KB); flattening and re-relooping saves
/// 0.7 KB more; a first `-Os` before them and GUFA (whole-program flow
/// analysis, conservative about imports and exports) between the last two
/// rounds another 0.35 KB.
pub const WASM_OPT_PASSES: [&str; 7] = [
    "-Os",
    "--flatten",
    "--rereloop",
    "-Os",
    "--gufa",
    "-Os",
    "--converge",
];

/// Sets up the wasm tools, builds the demo page and the embeddable bundle, and checks dist/.
pub fn run() -> Result {
    setup::run(Scope::Wasm)?;
    demo_page()?;
    bundle()
}

/// Builds the demo page, the root crate with its default `demo` feature, into a fresh dist/
/// (the tools must be set up): the wasm and its glue (minified by esbuild, where trunk's
/// minifier gave up on it) that boot.js starts, and what index.html's trunk tags name.
pub fn demo_page() -> Result {
    eprintln!("build: demo page into dist/");
    let root = process::root();
    let page = Page::parse(&std::fs::read_to_string(root.join("index.html"))?)?;
    release_wasm(&[])?;
    let target = process::target_dir();
    let dist = process::dist_dir();
    let stage = target.join("demo-js");
    let _ = std::fs::remove_dir_all(&stage);
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist)?;
    bindgen(
        &target.join(RELEASE_WASM),
        &stage,
        &["--out-name", "twostep"],
    )?;
    let wasm = stage.join("twostep_bg.wasm");
    match &page.wasm_opt {
        Some(level) => wasm_opt(&[level], &wasm, &dist.join("twostep_bg.wasm"))?,
        None => {
            std::fs::copy(&wasm, dist.join("twostep_bg.wasm"))?;
        }
    }
    minify_js(&stage.join("twostep.js"), &dist.join("twostep.js"))?;
    page.write(&dist)?;
    // The demo page's `?locale=` reads these (no hashes: the page's own files).
    crate::locales::build(&dist)?;
    check_dist()?;
    eprintln!("build: dist/ holds {}", DIST_FILES.join(", "));
    Ok(())
}

/// Minifies the ES module `from` (wasm-bindgen's glue) into `to` with esbuild.
pub fn minify_js(from: &Path, to: &Path) -> Result {
    process::run(
        css::esbuild()
            .arg(from)
            .args(["--minify", "--format=esm", "--target=es2022"])
            .arg(format!("--outfile={}", to.display())),
    )
}

/// The root crate's release wasm, from the target folder.
const RELEASE_WASM: &str = "wasm32-unknown-unknown/release/twostep.wasm";

/// Builds the root crate for the browser, in release, with cargo's `extra` arguments.
fn release_wasm(extra: &[&str]) -> Result {
    process::run(
        process::cargo()
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "twostep",
            ])
            .args(extra),
    )
}

/// Runs wasm-bindgen (`--target web`, no TypeScript) on `wasm` into `out`, with `extra` arguments.
pub fn bindgen(wasm: &Path, out: &Path, extra: &[&str]) -> Result {
    process::run(
        command("wasm-bindgen")
            .args(["--target", "web", "--no-typescript"])
            .args(extra)
            .arg("--out-dir")
            .arg(out)
            .arg(wasm),
    )
}

/// Optimises the wasm `from` into `to` with wasm-opt's `passes`.
pub fn wasm_opt(passes: &[&str], from: &Path, to: &Path) -> Result {
    process::run(
        command("wasm-opt")
            .args(WASM_FEATURES)
            .args(passes)
            .arg(from)
            .arg("-o")
            .arg(to),
    )
}

/// Builds the embeddable bundle, the root crate without its `demo` feature, into dist/bundle/.
pub fn bundle() -> Result {
    eprintln!("build: embeddable bundle (no demo page) into dist/bundle/");
    release_wasm(&["--no-default-features"])?;
    let target = process::target_dir();
    let dist = process::dist_dir();
    let out = dist.join("bundle");
    std::fs::create_dir_all(&out)?;
    // The JS API (js/) imports wasm-bindgen's glue from ./wasm/; esbuild bundles
    // both into one twostep.js beside the wasm.
    let stage = target.join("bundle-js");
    let _ = std::fs::remove_dir_all(&stage);
    copy_dir(&process::root().join("js"), &stage, |_| true)?;
    bindgen(
        &target.join(RELEASE_WASM),
        &stage.join("wasm"),
        &["--out-name", "twostep"],
    )?;
    let renames = shrink_wasm(&stage, &out)?;
    no_machine_paths(&out.join("twostep_bg.wasm"))?;
    css::minify(&css::join()?, &out.join("twostep.css"))?;
    let _ = std::fs::remove_dir_all(out.join("locales"));
    let locales = crate::locales::build(&out)?;
    let manifest_sri = crate::locales::manifest(&out, &locales)?;
    bundle_js(&stage, &out, &renames, &manifest_sri)?;
    std::fs::copy(stage.join("twostep.d.ts"), out.join("twostep.d.ts"))?;
    examples(&target)?;
    let missing: Vec<&str> = BUNDLE_FILES
        .into_iter()
        .chain(BUNDLE_EXTRAS)
        .filter(|name| !out.join(name).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(Error::new(format!(
            "dist/bundle/ lacks {}",
            missing.join(", ")
        )));
    }
    let names: Vec<&str> = BUNDLE_FILES
        .into_iter()
        .chain(locales.iter().map(|file| file.name.as_str()))
        .chain([crate::locales::MANIFEST])
        .collect();
    crate::integrity::write(&out, &names)
}

/// Fails when the wasm at `path` names this machine's registry sources: the
/// remapping of [`process::wasm_rustflags`] must keep them out of the bundle.
fn no_machine_paths(path: &std::path::Path) -> Result {
    let Some(sources) = process::registry_sources() else {
        return Ok(());
    };
    let needle = sources.to_string_lossy().into_owned();
    let wasm = std::fs::read(path)?;
    if wasm
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
    {
        return Err(Error::new(format!(
            "{} names {needle}: the path remapping did not apply",
            path.display()
        )));
    }
    Ok(())
}

/// Drops the wasm exports nothing calls (see [`exports`]), optimises
/// `stage`'s wasm into `out`, and gives its imports and exports short names
/// (see [`minify`]), which it returns for the glue.
fn shrink_wasm(stage: &std::path::Path, out: &std::path::Path) -> Result<minify::Renames> {
    let raw = stage.join("wasm/twostep_bg.wasm");
    let graph = stage.join("metadce.json");
    std::fs::write(
        &graph,
        exports::graph(&exports::names(&std::fs::read(&raw)?)?),
    )?;
    process::run(
        command("wasm-metadce")
            .args(WASM_FEATURES)
            .arg(&raw)
            .arg("--graph-file")
            .arg(&graph)
            .arg("-o")
            .arg(&raw)
            .stdout(std::process::Stdio::null()),
    )?;
    wasm_opt(&WASM_OPT_PASSES, &raw, &out.join("twostep_bg.wasm"))?;
    let (wasm, renames) = minify::rename(&std::fs::read(out.join("twostep_bg.wasm"))?)?;
    std::fs::write(out.join("twostep_bg.wasm"), wasm)?;
    Ok(renames)
}

/// Bundles the JS API with the glue (its names those of `renames`) into `out`/twostep.js, with the SRI
/// hashes of `out`'s wasm and CSS, and of the locale files' list (`locales`, see
/// [`crate::locales::manifest`]), built in:
/// twostep.js checks what it loads, so one `integrity` attribute on the script covers every file.
fn bundle_js(
    stage: &std::path::Path,
    out: &std::path::Path,
    renames: &minify::Renames,
    locales: &str,
) -> Result {
    let glue = stage.join("wasm/twostep.js");
    let shaken = shakeable(&std::fs::read_to_string(&glue)?);
    std::fs::write(&glue, minify::glue(&shaken, renames)?)?;
    let wasm_sri = crate::integrity::sri(&std::fs::read(out.join("twostep_bg.wasm"))?);
    let css_sri = crate::integrity::sri(&std::fs::read(out.join("twostep.css"))?);
    process::run(
        css::esbuild()
            .arg(stage.join("twostep.js"))
            .args(["--bundle", "--minify", "--format=esm", "--target=es2022"])
            .arg(format!("--define:TWOSTEP_WASM_SRI=\"{wasm_sri}\""))
            .arg(format!("--define:TWOSTEP_CSS_SRI=\"{css_sri}\""))
            .arg(format!("--define:TWOSTEP_LOCALES_SRI=\"{locales}\""))
            .arg(format!("--outfile={}", out.join("twostep.js").display())),
    )
}

/// wasm-bindgen's glue with its exported classes made removable when unused:
/// esbuild keeps a class while a `Symbol.dispose` alias is assigned to it at
/// the top level, or while a `FinalizationRegistry` is built for it. The
/// bundle's classes are internal (no `using` declarations), so the aliases go,
/// and the registries are marked pure. That drops the wasm-streams classes
/// that the wasm no longer exports (see [`exports`]): about 0.4 KB brotli.
pub fn shakeable(glue: &str) -> String {
    glue.lines()
        .filter(|line| !line.starts_with("if (Symbol.dispose) "))
        .map(|line| {
            line.replace(
                ": new FinalizationRegistry(",
                ": /* @__PURE__ */ new FinalizationRegistry(",
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails unless every file of [`DIST_FILES`] is in dist/.
pub fn check_dist() -> Result {
    let dist = process::dist_dir();
    let missing: Vec<&str> = DIST_FILES
        .into_iter()
        .filter(|name| !dist.join(name).is_file())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "dist/ lacks {} after the demo page's build",
            missing.join(", ")
        )))
    }
}

/// The example host pages into dist/examples/, beside the bundle they load:
/// their web files, and the Leptos host example built with wasm-bindgen. That
/// one is a debug build: it is not budgeted, and it reuses the debug wasm
/// dependencies that the browser tests compile.
fn examples(target: &std::path::Path) -> Result {
    let dist = process::dist_dir().join("examples");
    copy_dir(&process::root().join("examples"), &dist, |name| {
        [".html", ".js", ".css", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext))
    })?;
    eprintln!("build: examples/leptos-host (debug) into dist/examples/leptos-host/pkg/");
    process::run(process::cargo().args([
        "build",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "twostep-leptos-host",
    ]))?;
    bindgen(
        &target.join("wasm32-unknown-unknown/debug/twostep_leptos_host.wasm"),
        &dist.join("leptos-host/pkg"),
        &[],
    )
}

/// Copies the files of `from` whose names pass `keep` into `to`, recursively.
fn copy_dir(from: &std::path::Path, to: &std::path::Path, keep: fn(&str) -> bool) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target, keep)?;
        } else if keep(&entry.file_name().to_string_lossy()) {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::shakeable;

    #[test]
    fn class_aliases_go_and_registries_become_pure() {
        let glue = "export class A {}\n\
                    if (Symbol.dispose) A.prototype[Symbol.dispose] = A.prototype.free;\n\
                    const AFinalization = (typeof FinalizationRegistry === 'undefined')\n    \
                    ? { register: () => {}, unregister: () => {} }\n    \
                    : new FinalizationRegistry(ptr => wasm.free(ptr, 1));";
        let out = shakeable(glue);
        assert!(!out.contains("Symbol.dispose"));
        assert!(out.contains(": /* @__PURE__ */ new FinalizationRegistry(ptr"));
        assert!(out.starts_with("export class A {}\nconst AFinalization"));
    }
}
