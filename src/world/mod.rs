//! World knowledge: countries, first-level regions, cities over 15,000 people, venues
//! and institutions, with the names news uses for them, so that places in any story are
//! recognized without tables written for that story.
//!
//! The data lies under `rules/world/` and is compiled into the binary by the build
//! script: `countries.tsv`, `regions.tsv` and `cities.tsv` are generated from GeoNames
//! by `scripts/world_data.py`; `aliases.toml`, `demonyms.toml`, `venues.toml` and
//! `institutions.toml` are written by hand. [`World::bundled`] loads it once.
//!
//! Every place lies `in` another (a venue in a city, a city in its region, a region in
//! its country), so [`World::contains`] can tell that the Kremlin is in Russia. Where
//! several places share a name, the name means one of them: a hand-written name first,
//! then a country (or a country's demonym), then a national capital or a city of a
//! million people or more, then a region (a city ranks just above the region named
//! after it: Geneva the city before Geneva the canton), then any other city; among
//! equals the more populous. So "Paris" is the French capital, "Georgia" the country
//! and "Florida" the US state.

mod data;

pub use data::*;
use std::sync::OnceLock;

/// The world data files as written (path under `rules/world/`, text): the build loads
/// them into what [`World::bundled`] reads back; tests load them again to check that.
#[cfg(test)]
pub(crate) fn bundled_files() -> &'static [(&'static str, &'static str)] {
    &include!(concat!(env!("OUT_DIR"), "/bundled_world.rs"))
}

impl World {
    /// The world data compiled into the binary: loaded from `rules/world/` when the
    /// binary was built, read back from its bytes on first use.
    ///
    /// # Panics
    /// If the bundled bytes do not read back (a test keeps them reading).
    pub fn bundled() -> &'static World {
        static WORLD: OnceLock<World> = OnceLock::new();
        WORLD.get_or_init(|| {
            World::decode(include_bytes!(concat!(env!("OUT_DIR"), "/world.bin")))
                .unwrap_or_else(|| panic!("the bundled world data does not read back; rebuild claimcheck"))
        })
    }
}
