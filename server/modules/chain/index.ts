export { anchorKeyOf, loadAnchorKey, type AnchorKey } from './anchor-key';
export { anchorChains, anchorDaily, readMonthAnchors, type AnchorSummary } from './anchors.service';
export { readLatestAnchor } from './anchors.repository';
export { checkChainBeforeSeal, reportChainEntries, reportMatterChain } from './chain-report.service';
export { chainRoutes } from './chain.routes';
