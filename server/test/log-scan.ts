/** What may not appear in a log: a mainland mobile number in clear, or a six-digit code next to "code". */
const patterns = [
  { kind: 'phone', pattern: /(?<![\d*.])1[3-9]\d{9}(?!\d)/g },
  { kind: 'code', pattern: /code[\\"']*\s*[:=]\s*[\\"']*\d{6}(?!\d)/gi },
] as const;

export type LogFinding = { line: number; kind: 'phone' | 'code'; excerpt: string };

/**
 * Scans log text for personal data that must never be logged. The excerpt in a finding is masked
 * (digits past the third replaced), so a failure message does not repeat the leak.
 */
export function scanLogForPersonalData(text: string): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((content, index) => {
    for (const { kind, pattern } of patterns) {
      for (const match of content.matchAll(pattern)) {
        findings.push({
          line: index + 1,
          kind,
          excerpt: match[0].replace(/(\d{3})\d+/, (_, head: string) => `${head}…`),
        });
      }
    }
  });
  return findings;
}
