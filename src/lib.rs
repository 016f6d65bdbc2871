//! claimcheck: reads news articles, finds the values in them (numbers, ordinals,
//! durations, dates, each an interval), and compares what articles claim.
//!
//! The pipeline is a chain of pure stages; only [`cli`] reads files or prints:
//! [`article`] turns bytes into text with its front matter, [`scan`] finds the values
//! with the parsers of [`parse`], and [`value`] holds the value model they produce;
//! [`extract`] makes claims of them with the rules of [`rule`], [`names`] reads the
//! names an article mentions and [`published`] the date an undated one implies; and
//! [`compare`] puts articles into stories and relates their claims, side by side.

pub mod article;
pub mod baseline;
pub mod cli;
pub mod compare;
pub mod config;
pub mod counted;
pub mod entity;
pub mod extract;
pub mod glob;
pub mod names;
pub mod parse;
pub mod people;
pub mod progress;
pub mod published;
pub mod report;
pub mod rule;
pub mod scan;
pub mod suppress;
pub mod text;
pub mod value;
pub mod world;
