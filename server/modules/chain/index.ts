export { anchorKeyOf, loadAnchorKey, type AnchorKey } from './anchor-key';
export { anchorChains, anchorDaily, readLatestAnchor, readMonthAnchors, type AnchorSummary } from './anchors.service';
export { checkChainBeforeSeal, reportChainEntries, reportMatterChain } from './chain-report.service';
export { chainRoutes } from './chain.routes';
