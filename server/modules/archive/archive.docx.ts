import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { todayInChina } from '../../calendar';
import { describeResult } from '../ballots';
import { auditActionName } from '../../../domain/matters/audit-actions';
import { matterCategoryName } from '../../../domain/matters/taxonomy';
import { governanceName } from '../../../domain/governance/governances';
import { STAFF_LABEL } from '../../../domain/people/public-name';
import {
  attendeesText,
  basisLabels,
  chinaTime,
  kindLabels,
  levelLabels,
  methodLabels,
  namesText,
  noticeLabels,
  outcomeLabels,
  replyLabels,
  verdictLabels,
} from './archive.labels';
import type { Dossier } from './archive.repository';
import { photosSection, type DossierPhotos } from './archive.docx-photos';
import { isOverdueTask, taskLifecycle } from '../../../domain/implementation/task-status';

const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const sub = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const line = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const field = (label: string, value: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}：`, bold: true }), new TextRun(value)] });
const none = () => line('（无）');

/** 邀约名单: each invitee by name with their reply; those without a name counted per reply. */
function inviteesText(invitees: Dossier['invitees']): string {
  const named = invitees.filter((i) => i.name !== null).map((i) => `${i.name}（${replyLabels[i.reply] ?? i.reply}）`);
  const unnamed = invitees.length - named.length;
  return [...named, ...(unnamed ? [`另 ${unnamed} 人`] : [])].join('、') || '（无）';
}

/** 监督意见: every finding oldest first, with its answer, who answered and when (or 待答复). */
function findingsSection(findings: Dossier['findings']): Paragraph[] {
  if (findings.length === 0) return [none()];
  return findings.flatMap(({ finding: f, supervisorName, answeredBy }, i) => [
    sub(`监督意见 ${i + 1}（${supervisorName}，${chinaTime(f.createdAt)}${f.dueOn ? `，答复期限 ${f.dueOn}` : ''}）`),
    line(f.body),
    f.answeredAt
      ? field('答复', `${f.answer ?? ''}（${answeredBy ?? STAFF_LABEL}，${chinaTime(f.answeredAt)}）`)
      : field('答复', '待答复'),
  ]);
}

/** 一事一档: the matter's dossier as a Word document, in Chinese, for staff, with its photos. */
export async function buildDossierDocx(d: Dossier, photos: DossierPhotos): Promise<Buffer> {
  const m = d.matter;
  const impl = d.implementation;
  const today = todayInChina();
  const children: Paragraph[] = [
    new Paragraph({ text: '一事一档 · 议事档案', heading: HeadingLevel.TITLE }),
    new Paragraph({ text: m.title, heading: HeadingLevel.HEADING_1 }),
    field('地点', d.placeName),
    field('议事层级', levelLabels[m.level] ?? m.level),
    field('事项类型', kindLabels[m.kind] ?? m.kind),
    field('类别', matterCategoryName(m.category)),
    field('四治类别', m.governances.length ? m.governances.map(governanceName).join('、') : '未标注'),
    field('提出时间', chinaTime(m.createdAt)),
    field('归档时间', m.sealedAt ? chinaTime(m.sealedAt) : '未归档'),
    field('事项描述', m.description),

    heading('一、办理过程'),
    ...d.chain.map((e) =>
      line(
        `${e.seq}. ${chinaTime(e.at)}  ${auditActionName(e.action, 'zh-CN') ?? '其他办理记录'}  ${
          e.actorAccountId === null ? '' : (d.actorNames.get(e.actorAccountId) ?? '')
        }`,
      ),
    ),
    field(
      '审计链校验',
      d.verdict.isIntact ? `完整（共 ${d.verdict.length} 条）` : `第 ${d.verdict.brokenAt} 条校验失败`,
    ),

    heading('二、公示'),
    ...(d.notices.length
      ? d.notices.flatMap((n) => [
          sub(`${noticeLabels[n.kind] ?? n.kind}：${n.title}`),
          field('公示期', `${n.startsOn} 至 ${n.endsOn}`),
          line(n.body),
        ])
      : [none()]),

    heading('三、邀约与签到'),
    field('邀约名单', inviteesText(d.invitees)),
    ...d.meetings.flatMap((meeting) => {
      const present = d.signIns.filter((s) => s.meeting_id === meeting.id);
      const presentInvitations = new Set(present.map((s) => s.invitation_id));
      const presentAccounts = new Set(present.map((s) => s.account_id));
      // 应到: every invitee who did not decline (as the meeting's own sign-in sheet counts).
      const due = d.invitees.filter((i) => i.reply !== 'no');
      const absent = due.filter((i) => !presentInvitations.has(i.id) && !presentAccounts.has(i.account_id));
      const minute = d.minutes.find((x) => x.meetingId === meeting.id);
      return [
        sub(`会议 ${chinaTime(meeting.startsAt)} ${meeting.venue ?? ''}`),
        field('应到', String(due.length)),
        field('实到', attendeesText(present.map((s) => s.name))),
        field('未到', namesText(absent.map((i) => i.name)) || '无'),
        field('会议纪要', minute ? minute.bodyFull : '（无）'),
      ];
    }),

    heading('四、协商结果'),
    ...(d.resolution
      ? [
          line(d.resolution.body),
          field('依据', basisLabels[d.resolution.basis] ?? d.resolution.basis),
          field('异议期截止', chinaTime(d.resolution.objectionEndsAt)),
          ...d.ballots.flatMap((b) => [
            sub(`票决 #${b.id}：${b.question}${b.id === d.resolution?.ballotId ? '（协商结果所依据的表决）' : ''}`),
            field('截止时间', b.closedAt ? chinaTime(b.closedAt) : chinaTime(b.closesAt)),
            ...describeResult(b.result).map(line),
            field('结果摘要（SHA-256）', b.resultDigest ?? ''),
          ]),
          field('确认人', d.confirmations.map((c) => c.displayName).join('、') || '（无）'),
          sub('异议与答复'),
          ...(d.objections.length
            ? d.objections.flatMap((o) => [
                line(`${o.displayName}：${o.body}`),
                line(`答复：${o.answer ?? '（未答复）'}`),
              ])
            : [none()]),
        ]
      : [none()]),

    heading('五、组织实施'),
    ...(impl.taskRows.length
      ? impl.taskRows.flatMap((t) => [
          sub(
            `${t.title}（责任人：${t.ownerName}，期限：${t.dueOn}，${taskLifecycle.is.done(t.status) ? '已完成' : isOverdueTask(t, today) ? '已逾期' : '进行中'}）`,
          ),
          ...impl.progressRows
            .filter((p) => p.taskId === t.id)
            .map((p) => line(`${chinaTime(p.createdAt)} ${p.percent}% ${p.note}`)),
        ])
      : [none()]),

    heading('六、回访'),
    ...(impl.followUpRows.length
      ? impl.followUpRows.map((f) =>
          line(
            `${chinaTime(f.createdAt)} ${methodLabels[f.method] ?? f.method} 满意度 ${f.satisfaction}/5 ${f.recordedBy}：${f.comment}`,
          ),
        )
      : [none()]),

    heading('七、监督评议与成效评估'),
    ...impl.reviewRows.map((r) =>
      line(
        `${r.reviewer}：${verdictLabels[r.verdict] ?? r.verdict}，${r.comment}${r.lookBackOn ? `，回头看日期 ${r.lookBackOn}` : ''}`,
      ),
    ),
    ...(impl.evaluation
      ? [
          field('评估得分', String(impl.evaluation.score)),
          field('成效', outcomeLabels[impl.evaluation.outcome] ?? impl.evaluation.outcome),
          field('矛盾是否化解', impl.evaluation.isDisputeResolved ? '是' : '否'),
          field('评估意见', impl.evaluation.comment || '（无）'),
        ]
      : [field('成效评估', '（未评估）')]),

    heading('八、监督意见与答复'),
    ...findingsSection(d.findings),

    heading('九、照片'),
    ...photosSection(photos),
  ];
  const doc = new Document({
    creator: 'Yishi 议事',
    title: m.title,
    styles: { default: { document: { run: { font: 'SimSun' } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
