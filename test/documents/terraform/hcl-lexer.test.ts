import { describe, expect, it } from 'vitest';
import { lex } from '../../../shared/documents/terraform/hcl-lexer.js';

const WITH_TEXT = new Set(['ident', 'number', 'literal', 'invalid', 'oHeredoc', 'cHeredoc']);

/** "type" or "type:value" of each token, without the final end of file. */
function kinds(source: string): string[] {
  const { tokens } = lex(source);
  return tokens.slice(0, -1).map((t) => (WITH_TEXT.has(t.type) ? `${t.type}:${t.value}` : t.type));
}

describe('lex', () => {
  it('splits names, numbers and every operator', () => {
    expect(kinds('a-b_c 12 1.5e3 ... == != <= >= => && || + - * / % ! < > ? : = . , ( ) [ ] { }')).toEqual([
      'ident:a-b_c', 'number:12', 'number:1.5e3', '...', '==', '!=', '<=', '>=', '=>', '&&', '||',
      '+', '-', '*', '/', '%', '!', '<', '>', '?', ':', '=', '.', ',', '(', ')', '[', ']', '{', '}',
    ]);
  });

  it('keeps a newline token after a line comment and drops block comments', () => {
    expect(kinds('a # c1\nb // c2\r\nc /* c3\n */ d')).toEqual(['ident:a', 'newline', 'ident:b', 'newline', 'ident:c', 'ident:d']);
  });

  it('switches into a template and back at the matching brace', () => {
    expect(kinds('"a${ {b = 1}.b }c"')).toEqual(['oQuote', 'literal:a', 'interp', '{', 'ident:b', '=', 'number:1', '}', '.', 'ident:b', 'seqEnd', 'literal:c', 'cQuote']);
    expect(kinds('"%{~ if x ~}"')).toEqual(['oQuote', 'control', 'ident:if', 'ident:x', 'seqEnd', 'cQuote']);
    expect(lex('"%{~ if x ~}"').tokens.filter((t) => t.strip).map((t) => t.type)).toEqual(['control', 'seqEnd']);
  });

  it('reads a heredoc line by line and ends it only at its marker alone on a line', () => {
    expect(kinds('<<EOT\nEOT is not the end\n  EOT\nx\n')).toEqual(['oHeredoc:EOT', 'literal:EOT is not the end\n', 'cHeredoc:EOT', 'newline', 'ident:x', 'newline']);
    const [open] = lex('<<-EOT\nEOT\n').tokens;
    expect(open).toMatchObject({ type: 'oHeredoc', value: 'EOT', flush: true });
  });

  it('gives 1-based lines and code-point columns, and UTF-16 offsets', () => {
    const { tokens } = lex('\t"🚀" x\r\n  y');
    const x = tokens.find((t) => t.text === 'x');
    const y = tokens.find((t) => t.text === 'y');
    expect(x?.range.start).toEqual({ line: 1, column: 6, offset: 6 });
    expect(y?.range.start).toEqual({ line: 2, column: 3, offset: 11 });
  });

  it('closes an unterminated string at the end of its line', () => {
    const { tokens, diagnostics } = lex('"abc\nx');
    expect(tokens.map((t) => t.type)).toEqual(['oQuote', 'literal', 'cQuote', 'newline', 'ident', 'eof']);
    expect(tokens[2]?.synthetic).toBe(true);
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([['unterminated-string', 1, 1]]);
  });

  it('turns a character HCL does not know into an invalid token', () => {
    expect(kinds('a ^ $ ~ b')).toEqual(['ident:a', 'invalid:^', 'invalid:$', 'invalid:~', 'ident:b']);
  });
});
