//! The value parsers, one module per kind of value, each a set of small nom parsers
//! with its table of examples and near misses beneath it.

pub mod date;
pub mod duration;
pub mod hedge;
pub mod lex;
pub mod not_value;
pub mod number;
pub mod ordinal;
