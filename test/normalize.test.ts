import { describe, expect, it } from 'vitest';
import { nameKey, tokens } from '../src/text/normalize.js';

describe('nameKey', () => {
  it.each([
    ['Li Di', 'li di'],
    ['  LI   DI ', 'li di'],
    ['ＬＩ　ＤＩ', 'li di'],
    ['Lí Dí', 'li di'],
    ['李笛', '李笛'],
    ['Jasper.Ai', 'jasper.ai'],
    ['Li\tDi', 'li di'],
  ])('%j -> %j', (input, key) => expect(nameKey(input)).toBe(key));
});

describe('tokens', () => {
  it.each([
    ['Jasper.Ai raised $125 million', ['jasper', 'ai', 'raised', '125', 'million']],
    ['字节跳动 ByteDance', ['字', '字节', '节', '节跳', '跳', '跳动', '动', 'bytedance']],
    ['Café-Crème', ['cafe', 'creme']],
    ['对标ChatGPT的产品', ['对', '对标', '标', 'chatgpt', '的', '的产', '产', '产品', '品']],
  ])('%j', (input, want) => expect(tokens(input)).toEqual(want));
});
