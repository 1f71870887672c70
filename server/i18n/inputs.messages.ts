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
  },
} as const;
