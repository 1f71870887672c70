/** The ballot engine's rules: exact thresholds, versioned decision rules, electorates and tallies. */
export * from './ballot-status';
export * from './electorate';
export * from './notice';
export * from './options';
export * from './rules';
export * from './tally';
export * from './threshold';
export * from './paper-status';
export * from './proxy-status';
