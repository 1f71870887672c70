import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import type { RosterImportReport as Report } from './roster.api';
import RosterImportReport from './RosterImportReport.vue';

// Vant's per-component style entries import .css, which Node cannot load outside Vite.
vi.mock('vant/es/button/style/index', () => ({}));

function report(overrides: Partial<Report> = {}): Report {
  return {
    kind: 'residents',
    fileName: 'residents.csv',
    rowCount: 3,
    validCount: 3,
    problems: [],
    warnings: [],
    committed: false,
    summary: null,
    previewId: null,
    ...overrides,
  };
}

function mountReport(value: Report) {
  return mount(RosterImportReport, { props: { report: value, isBusy: false }, global: { plugins: [i18n] } });
}

describe('RosterImportReport', () => {
  it('enables the import when every row is valid and offers no partial import', () => {
    const wrapper = mountReport(report());
    expect(wrapper.get('[data-test=import-commit]').attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-test=import-commit-valid]').exists()).toBe(false);
  });

  it('lists each problem with row, column, value and reason, and offers to skip the bad rows', async () => {
    const wrapper = mountReport(
      report({
        validCount: 2,
        problems: [
          { row: 3, column: '手机号', value: '123', code: 'validation.phone', message: '请输入 11 位中国大陆手机号' },
        ],
      }),
    );
    const rows = wrapper.findAll('[data-test=report-row]');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.text()).toContain('3');
    expect(rows[0]?.text()).toContain('手机号');
    expect(rows[0]?.text()).toContain('123');
    expect(rows[0]?.text()).toContain('请输入 11 位中国大陆手机号');
    expect(wrapper.get('[data-test=import-commit]').attributes('disabled')).toBeDefined();
    const commitValid = wrapper.get('[data-test=import-commit-valid]');
    expect(commitValid.text()).toBe('仅导入有效行（跳过 1 行）');
    await commitValid.trigger('click');
    expect(wrapper.emitted('commitValid')).toHaveLength(1);
  });

  it('shows the warnings and imports only after the worker ticks the acknowledgement', async () => {
    const wrapper = mountReport(
      report({
        warnings: [
          {
            row: 2,
            column: '产权房屋编码',
            value: '',
            code: 'roster.owner_without_property',
            message: '身份为业主但未填产权房屋编码：此人不会计入任何业主表决',
          },
        ],
      }),
    );
    expect(wrapper.get('[role=status]').text()).toBe('全部 3 行校验通过；其中 1 条提醒需核对并确认后才能导入。');
    expect(wrapper.get('[data-test=warning-row]').text()).toContain('第 2 行 · 产权房屋编码');
    expect(wrapper.get('[data-test=warning-message]').text()).toContain('不会计入任何业主表决');
    const commit = wrapper.get('[data-test=import-commit]');
    expect(commit.attributes('disabled')).toBeDefined();
    await wrapper.get('[data-test=import-acknowledge]').setValue(true);
    expect(commit.attributes('disabled')).toBeUndefined();
    await commit.trigger('click');
    expect(wrapper.emitted('commit')).toEqual([[true]]);
  });
});
