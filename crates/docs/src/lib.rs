//! Renders connectspec guide pages (MDX and Markdown) from specs
