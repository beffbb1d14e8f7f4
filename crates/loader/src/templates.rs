//! Templates of a loaded spec, parsed by the runtime's own parser and given the
//! `'static` lifetime: what every table with a template is built from.

use std::collections::BTreeMap;

use connectspec_runtime::{self as rt, Part, Segment, Template};

use crate::leak;

/// A template's segments, parsed by the runtime's own parser.
pub(crate) fn template(text: &str) -> Result<Template<'static>, String> {
    let parts = rt::parse_template(text).map_err(|(_, e)| format!("template `{text}`: {e}"))?;
    Ok(Template {
        segments: segments(&parts),
    })
}

fn segments(parts: &[Part]) -> &'static [Segment<'static>] {
    leak::slice(
        parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => Segment::Lit(leak::str(s)),
                Part::Var(v) => {
                    let name = leak::str(&v.lookup_name());
                    match &v.default {
                        Some(d) => Segment::Default(name, leak::str(d)),
                        None => Segment::Var(name),
                    }
                }
                Part::Optional(inner) => Segment::Optional(segments(inner)),
            })
            .collect(),
    )
}

pub(crate) fn pairs(
    map: &BTreeMap<String, String>,
) -> Result<&'static [(&'static str, Template<'static>)], String> {
    let items = map
        .iter()
        .map(|(k, v)| Ok((leak::str(k), template(v)?)))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(leak::slice(items))
}
