/** The ballot engine's rules: exact thresholds, versioned decision rules, electorates and tallies. */
export * from './electorate';
export * from './options';
export * from './rules';
export * from './tally';
export * from './threshold';
