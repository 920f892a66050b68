import { describe, expect, it } from 'vitest';
import { foldLines, neutralizeCommands, safeLine, safeText, stripControl, truncate } from '../../shared/output/sanitize.js';

/** What a runner would see as a command: Azure's `##vso[` anywhere, `##[`, GitHub's `::` at a trimmed line start. */
function looksLikeCommand(text: string): boolean {
  return /##vso\[/i.test(text) || /##\[/.test(text) || text.split('\n').some((line) => line.trim().startsWith('::'));
}

describe('neutralizeCommands', () => {
  it.each([
    '##vso[task.setvariable variable=x]evil',
    'Service "##vso[task.prependpath]/tmp/evil" is public',
    '##VSO[task.complete result=Succeeded]',
    '##[error]fake failure',
    '###vso[task.setvariable variable=x]y',
    '::set-env name=X::y',
    '::set-output name=passed::true',
    '  ::add-mask::secret',
    ':::warning file=a::b',
    'line one\n::error::injected',
  ])('breaks %j', (input) => {
    expect(looksLikeCommand(input)).toBe(true);
    const out = neutralizeCommands(input);
    expect(looksLikeCommand(out)).toBe(false);
    expect(out).not.toContain('::');
    // Only invisible characters were added: the text still reads the same.
    expect(out.replace(/\u200B/g, '')).toBe(input);
  });

  it('leaves ordinary text alone', () => {
    expect(neutralizeCommands('Service shop/web # port 80 [tcp]')).toBe('Service shop/web # port 80 [tcp]');
  });
});

describe('stripControl', () => {
  it('removes ANSI colours, cursor movement and OSC sequences', () => {
    expect(stripControl('\u001b[31mred\u001b[0m')).toBe('red');
    expect(stripControl('a\u001b[2K\u001b[1Ab')).toBe('ab');
    expect(stripControl('\u001b]8;;https://evil\u0007link\u001b]8;;\u0007')).toBe('link');
    expect(stripControl('x\u009b31my')).toBe('xy');
  });

  it('removes control and bidi characters but keeps tabs and newlines; CR becomes LF', () => {
    expect(stripControl('a\u0000b\u0007c\u007fd\u202ee\u2066f')).toBe('abcdef');
    expect(stripControl('a\tb\r\nc\rd')).toBe('a\tb\nc\nd');
  });
});

describe('safeLine and safeText', () => {
  it('folds newlines where one line is expected', () => {
    expect(foldLines('  first\n   second  \n\nthird ')).toBe('first second third');
    expect(safeLine('bad\nvalue\r\n::set-output name=x::1')).not.toContain('\n');
    expect(looksLikeCommand(safeLine('bad\nvalue\r\n::set-output name=x::1'))).toBe(false);
  });

  it('keeps lines in a block but neutralizes each', () => {
    const out = safeText('ok\n##vso[task.setvariable variable=x]evil\n\u001b[31m::error::x');
    expect(out.split('\n')).toHaveLength(3);
    expect(looksLikeCommand(out)).toBe(false);
    expect(out).not.toContain('\u001b');
  });

  it('cannot be tricked into rebuilding a command by the stripping itself', () => {
    expect(looksLikeCommand(safeLine('#\u001b[0m#vso[task.setvariable variable=x]y'))).toBe(false);
    expect(looksLikeCommand(safeLine(':\u0000:set-env name=X::y'))).toBe(false);
  });
});

describe('truncate', () => {
  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 10)).toBe('abcdef');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
});
