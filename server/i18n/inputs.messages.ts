/**
 * Messages for input that cannot be accepted whatever the route (characters, numbers, links, images),
 * merged into the catalogue in messages.ts.
 */
export const inputMessages = {
  'zh-CN': {
    'validation.nul_character': '含有空字符（U+0000），请删除后重试',
    'validation.lone_surrogate': '含有无法识别的字符（残缺的 Unicode 代理项），请删除后重试',
    'validation.number_too_big': '数值过大（最大 {max}）',
    'validation.number_too_small': '数值过小（最小 {min}）',
    'validation.http_link': '链接须以 http:// 或 https:// 开头',
    'validation.too_deep': '数据嵌套层数过多',
    'validation.bad_url': '网址格式有误（含无法解码的字符）',
    'image.unreadable': '无法识别的图片，请上传 JPEG、PNG 或 WebP 照片',
    'image.too_many_pixels': '图片像素过多（最多 {maxMegapixels} 百万像素）',
    'request.key_invalid': '请求编号（Idempotency-Key）格式不正确：最多 100 个字母、数字或连字符',
    'request.in_progress': '同一请求正在处理中，请稍后再试',
    'request.key_reused': '请求编号已用于另一项内容不同的提交，请重新提交',
  },
  en: {
    'validation.nul_character': 'Contains a NUL character (U+0000); remove it and try again',
    'validation.lone_surrogate': 'Contains an unreadable character (a lone Unicode surrogate); remove it and try again',
    'validation.number_too_big': 'Too large (at most {max})',
    'validation.number_too_small': 'Too small (at least {min})',
    'validation.http_link': 'Links must start with http:// or https://',
    'validation.too_deep': 'The data is nested too deeply',
    'validation.bad_url': 'Malformed address (characters that cannot be decoded)',
    'image.unreadable': 'Not a readable image; upload a JPEG, PNG or WebP photo',
    'image.too_many_pixels': 'The image has too many pixels (at most {maxMegapixels} megapixels)',
    'request.key_invalid': 'Malformed Idempotency-Key: at most 100 letters, digits or hyphens',
    'request.in_progress': 'The same request is still being processed; try again shortly',
    'request.key_reused': 'This request key was already used for a different submission; submit again',
  },
} as const;
