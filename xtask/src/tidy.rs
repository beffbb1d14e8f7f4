//! Structure checks that keep the code as `docs/dev/architecture.md` draws it. They run as
//! tests of xtask, so `cargo xtask ci` fails when a change breaks one:
//!
//! - no import cycle between the top-level modules of a crate (a cycle means neither
//!   module can be read, tested or moved without the other);
//! - no source file over [`MAX_LINES`] lines (past that a file holds more than one job);
//! - no glob re-export (`pub use x::*`): it hides which module an item comes from, and
//!   with it the edges of the module graph.
//!
//! The module graph is read with `syn`: an edge `a → b` for every path `crate::b…` (or
//! `crate::Item`, where the crate root re-exports `Item` from `b`) in a file of module
//! `a`, outside `#[cfg(test)]` modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// The longest a source file may be.
pub const MAX_LINES: usize = 700;

/// Top-level module → the top-level modules it names.
pub type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file under `dir`, sorted.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The root file of the crate whose sources are in `src`.
fn root_file(src: &Path) -> Option<PathBuf> {
    ["lib.rs", "main.rs"]
        .iter()
        .map(|f| src.join(f))
        .find(|p| p.is_file())
}

/// The top-level module a file of `src` belongs to (`None` for the crate root).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

fn parse(file: &Path) -> Result<syn::File, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    syn::parse_file(&text).map_err(|e| format!("cannot parse {}: {e}", file.display()))
}

/// Names the crate root re-exports, with the top-level module each comes from; and the
/// glob re-exports it has (reported by [`glob_reexports`]).
fn root_exports(root: &syn::File) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for item in &root.items {
        if let syn::Item::Use(u) = item {
            let mut leaves = Vec::new();
            use_leaves(&u.tree, Vec::new(), &mut leaves);
            for (path, name) in leaves {
                if let Some(first) = path.first()
                    && first != "crate"
                    && first != "std"
                {
                    out.insert(name, first.clone());
                }
            }
        }
    }
    out
}

/// Every leaf of a use tree: its path and the name it is known by.
fn use_leaves(tree: &syn::UseTree, prefix: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match tree {
        syn::UseTree::Path(p) => {
            let mut next = prefix;
            next.push(p.ident.to_string());
            use_leaves(&p.tree, next, out);
        }
        syn::UseTree::Name(n) => out.push((prefix, n.ident.to_string())),
        syn::UseTree::Rename(r) => out.push((prefix, r.rename.to_string())),
        syn::UseTree::Glob(_) => out.push((prefix, "*".into())),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_leaves(t, prefix.clone(), out);
            }
        }
    }
}

/// Collects the second segment of every `crate::…` path, outside test modules.
#[derive(Default)]
struct CrateRefs {
    names: BTreeSet<String>,
}

impl<'ast> Visit<'ast> for CrateRefs {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let test_only = m.attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.parse_args::<syn::Meta>()
                    .is_ok_and(|meta| meta.path().is_ident("test"))
        });
        if !test_only {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let mut segs = p.segments.iter();
        if segs.next().is_some_and(|s| s.ident == "crate")
            && let Some(second) = segs.next()
        {
            self.names.insert(second.ident.to_string());
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut leaves = Vec::new();
        use_leaves(&u.tree, Vec::new(), &mut leaves);
        for (path, name) in leaves {
            if path.first().is_some_and(|f| f == "crate") {
                match path.get(1) {
                    Some(second) => self.names.insert(second.clone()),
                    None => self.names.insert(name),
                };
            }
        }
    }
}

/// The module graph of the crate whose sources are in `src`.
pub fn module_graph(src: &Path) -> Result<Graph, String> {
    let root = root_file(src).ok_or_else(|| format!("{}: no lib.rs or main.rs", src.display()))?;
    let exports = root_exports(&parse(&root)?);
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(src, f)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = top_module(src, file) else {
            continue;
        };
        // A module's `tests.rs` is its `#[cfg(test)] mod tests;`: test code, like an
        // inline test module, may reach anything.
        if file.file_name().is_some_and(|n| n == "tests.rs") && file.parent() != Some(src) {
            continue;
        }
        let mut refs = CrateRefs::default();
        refs.visit_file(&parse(file)?);
        let edges = graph.entry(from.clone()).or_default();
        for name in refs.names {
            let to = if modules.contains(&name) {
                Some(name)
            } else {
                exports.get(&name).cloned()
            };
            if let Some(to) = to.filter(|t| *t != from && modules.contains(t)) {
                edges.insert(to);
            }
        }
    }
    Ok(graph)
}

/// The import cycles of `graph`: its strongly connected components of more than one
/// module, each sorted, in order.
pub fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    // Tarjan's algorithm; the graphs are a few dozen nodes.
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}

/// Files of `files` longer than [`MAX_LINES`], with their lengths.
pub fn long_files(files: &[PathBuf]) -> Vec<(PathBuf, usize)> {
    files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > MAX_LINES).then(|| (f.clone(), n))
        })
        .collect()
}

/// `pub use x::*` items of the files under `src`.
pub fn glob_reexports(src: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for file in rust_files(src) {
        for item in parse(&file)?.items {
            if let syn::Item::Use(u) = item
                && matches!(u.vis, syn::Visibility::Public(_))
            {
                let mut leaves = Vec::new();
                use_leaves(&u.tree, Vec::new(), &mut leaves);
                for (path, name) in leaves {
                    if name == "*" {
                        out.push(format!(
                            "{}: pub use {}::*",
                            file.display(),
                            path.join("::")
                        ));
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source directories of every crate of the workspace.
    fn crate_sources() -> Vec<PathBuf> {
        let root = crate::workspace_root();
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
            .unwrap()
            .flatten()
            .map(|e| e.path().join("src"))
            .filter(|p| p.is_dir())
            .collect();
        dirs.push(root.join("xtask/src"));
        dirs.sort();
        dirs
    }

    #[test]
    fn no_crate_has_a_module_cycle() {
        let mut found = Vec::new();
        for src in crate_sources() {
            for c in cycles(&module_graph(&src).unwrap()) {
                found.push(format!("{}: {}", src.display(), c.join(" ↔ ")));
            }
        }
        assert!(
            found.is_empty(),
            "import cycles between top-level modules (move the shared part into its own \
             module, or the caller's):\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn no_source_file_is_too_long() {
        let root = crate::workspace_root();
        let mut files: Vec<PathBuf> = Vec::new();
        for dir in ["crates", "xtask", "tests"] {
            files.extend(
                rust_files(&root.join(dir))
                    .into_iter()
                    // Generated goldens are as long as the generator makes them.
                    .filter(|f| !f.components().any(|c| c.as_os_str() == "snapshots")),
            );
        }
        let long = long_files(&files);
        assert!(
            long.is_empty(),
            "files over {MAX_LINES} lines (split them by job):\n{}",
            long.iter()
                .map(|(f, n)| format!("{}: {n}", f.display()))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn no_glob_reexports() {
        let mut found = Vec::new();
        for src in crate_sources() {
            found.extend(glob_reexports(&src).unwrap());
        }
        assert!(
            found.is_empty(),
            "glob re-exports hide where items come from; name them:\n{}",
            found.join("\n")
        );
    }

    /// Writes a crate's files (`path`, `text`) under a temporary `src`.
    fn planted(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        for (path, text) in files {
            let p = src.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        (dir, src)
    }

    #[test]
    fn a_planted_cycle_is_found() {
        let (_d, src) = planted(&[
            ("lib.rs", "mod a;\nmod b;\nmod c;\npub use c::Thing;\n"),
            ("a.rs", "use crate::b::helper;\npub fn run() { helper() }\n"),
            ("b.rs", "pub fn helper() { crate::a::run() }\n"),
            ("c/mod.rs", "pub struct Thing;\nmod inner;\n"),
            ("c/inner.rs", "use crate::{a, b::helper};\n"),
            (
                "d.rs",
                "#[cfg(test)]\nmod tests { use crate::a::run; }\npub fn f() -> crate::Thing { crate::Thing }\n",
            ),
        ]);
        let graph = module_graph(&src).unwrap();
        assert_eq!(graph["c"], BTreeSet::from(["a".to_owned(), "b".to_owned()]));
        assert_eq!(
            graph["d"],
            BTreeSet::from(["c".to_owned()]),
            "a re-exported item is an edge to its module; test modules are not"
        );
        assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned()]]);

        // Through a re-export, three modules long.
        let (_d, src) = planted(&[
            ("lib.rs", "mod x;\nmod y;\nmod z;\npub use z::Z;\n"),
            ("x.rs", "use crate::y::Y;\n"),
            ("y.rs", "pub struct Y(crate::Z);\n"),
            ("z.rs", "pub struct Z;\nfn f() { let _ = crate::x::g; }\n"),
        ]);
        assert_eq!(
            cycles(&module_graph(&src).unwrap()),
            vec![vec!["x".to_owned(), "y".to_owned(), "z".to_owned()]]
        );

        // Without the back edge there is none.
        let (_d, src) = planted(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::helper;\n"),
            ("b.rs", "pub fn helper() {}\n"),
        ]);
        assert!(cycles(&module_graph(&src).unwrap()).is_empty());
    }

    #[test]
    fn long_files_and_globs_are_found() {
        let (_d, src) = planted(&[
            ("lib.rs", "mod m;\npub use m::*;\n"),
            ("m.rs", &"fn f() {}\n".repeat(MAX_LINES + 1)),
        ]);
        let long = long_files(&rust_files(&src));
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].1, MAX_LINES + 1);
        assert_eq!(glob_reexports(&src).unwrap().len(), 1);
    }
}
