import { describe, expect, it } from 'vitest';
import { redactMinutes, type KnownPerson } from '../../../domain/matters/redaction';
import { redactAll } from './showcase.people';

const people: KnownPerson[] = [
  { name: '张桂芳', role: null },
  { name: '张伟', role: '议事会成员' },
  { name: '李建国', role: null },
  { name: '王小明', role: '工作人员' },
  { name: '方圆', role: null },
  { name: '赵敏', role: '受邀方' },
  { name: 'Anna Li', role: null },
  ...Array.from({ length: 300 }, (_, i) => ({ name: `${'陈刘黄周吴'[i % 5]}${i}号`, role: null })),
];

describe('redacting a page of texts together', () => {
  it('gives what redacting each text with every known person gives', () => {
    const texts = [
      '张桂芳和张阿姨反映加装电梯噪音，李师傅说5-2-301室同意，电话13812345678。',
      '协商结果：王小明负责联系施工方，方圆与赵敏列席；老陈补充意见。',
      '居民会议由张伟主持，Anna Li 记录，2单元0502 的业主缺席。',
      '小区门口停车整治，无人具名。',
    ];
    expect(redactAll(texts, people)).toEqual(texts.map((text) => redactMinutes(text, people)));
  });
});
