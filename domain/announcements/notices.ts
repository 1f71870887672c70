/** What a notice (公示) announces: 议题公示 (topic), 会议公示 (meeting) or 结果公示 (result). */
export const noticeKinds = ['topic', 'meeting', 'result'] as const;
export type NoticeKind = (typeof noticeKinds)[number];
