//! The shapes a URL's host can take, for the host proof (`hosts.rs`) and the DNS
//! limits (`host_limits.rs`).
//!
//! A host is literal text and placeholders. An optional part in the host
//! (`https://{?{dc}.}api.example.com`) is there or not, and a placeholder with a default
//! (`{host|api.example.com}`) is the value or the default's literal text: each
//! combination is one shape, and the proof covers every shape. The runtime renders each
//! of them with the same rules ([`connectspec_runtime::render_url`]): a value is
//! host-name characters, and a value that more host text follows in its shape is one
//! label, without a dot.

use connectspec_runtime::{Part, Segment, Template, UrlPart, parse_template, url_pieces};

/// At most this many optional parts in one host are combined.
const MAX_HOST_GROUPS: usize = 6;
/// At most this many shapes are proved for one URL.
const MAX_SHAPES: usize = 256;

/// One piece of a host in one shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPiece {
    /// Literal text (adjacent literals merged).
    Lit(String),
    /// A placeholder's value, by lookup name (`key` or `key.param`).
    Var(String),
}

/// The shapes of a host: each a list of pieces, in order.
pub(crate) type Shape = Vec<HostPiece>;

/// What [`host_shapes`] found.
#[derive(Debug, Default)]
pub(crate) struct HostShapes {
    /// Every shape of the host; empty when the URL has no host of its own (a whole
    /// base URL from a field, `{instance_url}/api`).
    pub shapes: Vec<Shape>,
    /// More optional parts or defaults in the host than are combined: the shapes
    /// listed are not all of them.
    pub too_many: bool,
}

/// A placeholder or literal of the templates, with the optional parts it sits in.
struct Flat {
    piece: FlatPiece,
    groups: Vec<usize>,
}

enum FlatPiece {
    Lit(String),
    Var(String, Option<String>),
}

fn flatten(parts: &[Part], chain: &mut Vec<usize>, next: &mut usize, out: &mut Vec<Flat>) {
    for p in parts {
        match p {
            Part::Lit(s) => out.push(Flat {
                piece: FlatPiece::Lit(s.clone()),
                groups: chain.clone(),
            }),
            Part::Var(v) => out.push(Flat {
                piece: FlatPiece::Var(v.lookup_name(), v.default.clone()),
                groups: chain.clone(),
            }),
            Part::Optional(inner) => {
                chain.push(*next);
                *next += 1;
                flatten(inner, chain, next, out);
                chain.pop();
            }
        }
    }
}

/// The host pieces of the flattened templates without the optional parts in
/// `absent`, as the runtime reads them: each a literal, or a placeholder's lookup name
/// with its default.
fn host_pieces(flat: &[Flat], absent: &[usize]) -> Vec<(String, Option<Option<String>>)> {
    let segments: Vec<Segment<'_>> = flat
        .iter()
        .filter(|f| !f.groups.iter().any(|g| absent.contains(g)))
        .map(|f| match &f.piece {
            FlatPiece::Lit(s) => Segment::Lit(s),
            FlatPiece::Var(k, None) => Segment::Var(k),
            FlatPiece::Var(k, Some(d)) => Segment::Default(k, d),
        })
        .collect();
    let t = Template {
        segments: &segments,
    };
    url_pieces(&[&t], UrlPart::Scheme)
        .into_iter()
        .filter(|(part, seg)| *part == UrlPart::Host && *seg != Segment::Lit("://"))
        .map(|(_, seg)| match seg {
            Segment::Lit(s) => (s.to_owned(), None),
            Segment::Var(k) => (k.to_owned(), Some(None)),
            Segment::Default(k, d) => (k.to_owned(), Some(Some(d.to_owned()))),
            Segment::Optional(_) => unreachable!("flattened"),
        })
        .collect()
}

/// The shapes of the host of `templates` read one after the other as one URL (a base
/// URL and a test path). `None` when a template does not parse (reported elsewhere).
pub(crate) fn host_shapes(templates: &[&str]) -> Option<HostShapes> {
    let mut flat = Vec::new();
    let mut next = 0;
    for t in templates {
        let parts = parse_template(t).ok()?;
        flatten(&parts, &mut Vec::new(), &mut next, &mut flat);
    }
    // The optional parts with a placeholder in the host, read in line: placeholders
    // keep their order in the runtime's pieces.
    let var_groups: Vec<&[usize]> = flat
        .iter()
        .filter(|f| matches!(f.piece, FlatPiece::Var(..)))
        .map(|f| f.groups.as_slice())
        .collect();
    let mut in_host = false;
    let mut host_groups: Vec<usize> = Vec::new();
    {
        let segments: Vec<Segment<'_>> = flat
            .iter()
            .map(|f| match &f.piece {
                FlatPiece::Lit(s) => Segment::Lit(s),
                FlatPiece::Var(k, None) => Segment::Var(k),
                FlatPiece::Var(k, Some(d)) => Segment::Default(k, d),
            })
            .collect();
        let t = Template {
            segments: &segments,
        };
        let mut i = 0;
        for (part, seg) in url_pieces(&[&t], UrlPart::Scheme) {
            let is_var = matches!(seg, Segment::Var(_) | Segment::Default(..));
            if part == UrlPart::Host && seg != Segment::Lit("://") {
                in_host = true;
                if is_var {
                    for g in var_groups[i] {
                        if !host_groups.contains(g) {
                            host_groups.push(*g);
                        }
                    }
                }
            }
            if is_var {
                i += 1;
            }
        }
    }
    let mut out = HostShapes::default();
    if !in_host {
        return Some(out);
    }
    if host_groups.len() > MAX_HOST_GROUPS {
        out.too_many = true;
        host_groups.truncate(MAX_HOST_GROUPS);
    }
    for mask in 0u32..(1 << host_groups.len()) {
        let absent: Vec<usize> = host_groups
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, g)| *g)
            .collect();
        // Each default doubles the shapes: the value, or its literal text.
        let mut shapes: Vec<Shape> = vec![Vec::new()];
        for (text, var) in host_pieces(&flat, &absent) {
            let alternatives: Vec<HostPiece> = match var {
                None => vec![HostPiece::Lit(text)],
                Some(None) => vec![HostPiece::Var(text)],
                Some(Some(d)) => vec![HostPiece::Var(text), HostPiece::Lit(d)],
            };
            if shapes.len() * alternatives.len() > MAX_SHAPES {
                out.too_many = true;
                break;
            }
            shapes = shapes
                .iter()
                .flat_map(|s| {
                    alternatives.iter().map(move |a| {
                        let mut s = s.clone();
                        push(&mut s, a.clone());
                        s
                    })
                })
                .collect();
        }
        for s in shapes {
            if !out.shapes.contains(&s) {
                out.shapes.push(s);
            }
        }
        if out.shapes.len() > MAX_SHAPES {
            out.too_many = true;
            break;
        }
    }
    Some(out)
}

/// Appends `piece`, merging adjacent literal text (an empty literal adds nothing).
fn push(shape: &mut Shape, piece: HostPiece) {
    match (shape.last_mut(), piece) {
        (_, HostPiece::Lit(s)) if s.is_empty() => {}
        (Some(HostPiece::Lit(last)), HostPiece::Lit(s)) => last.push_str(&s),
        (_, piece) => shape.push(piece),
    }
}

/// A template parsed from spec text, owning its pieces (the runtime's `Template`
/// borrows them). Optional parts are read in line, as if present: the proof covers
/// every URL, with or without them.
pub(crate) struct OwnedTemplate {
    /// (literal, or lookup name with its default).
    parts: Vec<OwnedPiece>,
}

enum OwnedPiece {
    Lit(String),
    Var(String, Option<String>),
}

impl OwnedTemplate {
    pub(crate) fn segments(&self) -> Vec<Segment<'_>> {
        self.parts
            .iter()
            .map(|p| match p {
                OwnedPiece::Lit(s) => Segment::Lit(s),
                OwnedPiece::Var(k, None) => Segment::Var(k),
                OwnedPiece::Var(k, Some(d)) => Segment::Default(k, d),
            })
            .collect()
    }
}

fn flatten_in_line(parts: &[Part], out: &mut Vec<OwnedPiece>) {
    for p in parts {
        match p {
            Part::Lit(s) => out.push(OwnedPiece::Lit(s.clone())),
            Part::Var(v) => out.push(OwnedPiece::Var(v.lookup_name(), v.default.clone())),
            Part::Optional(inner) => flatten_in_line(inner, out),
        }
    }
}

pub(crate) fn owned_template(text: &str) -> Option<OwnedTemplate> {
    let parts = connectspec_runtime::parse_template(text).ok()?;
    let mut out = Vec::new();
    flatten_in_line(&parts, &mut out);
    Some(OwnedTemplate { parts: out })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> HostPiece {
        HostPiece::Lit(s.into())
    }

    fn var(s: &str) -> HostPiece {
        HostPiece::Var(s.into())
    }

    #[test]
    fn shapes() {
        let s = host_shapes(&["https://{sub}.example.com/v1/{org}", "/me"]).unwrap();
        assert_eq!(s.shapes, [vec![var("sub"), lit(".example.com")]]);
        let s = host_shapes(&["https://{?{dc}.}api.example.com/v1{?/{team}}"]).unwrap();
        assert_eq!(
            s.shapes,
            [
                vec![var("dc"), lit(".api.example.com")],
                vec![lit("api.example.com")]
            ]
        );
        let s = host_shapes(&["https://{host|api.example.com}/v1"]).unwrap();
        assert_eq!(s.shapes, [vec![var("host")], vec![lit("api.example.com")]]);
        assert!(
            host_shapes(&["{instance_url}/api/v4"])
                .unwrap()
                .shapes
                .is_empty()
        );
        assert!(!s.too_many);
    }
}
