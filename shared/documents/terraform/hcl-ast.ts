// The syntax tree of HCL native syntax (Terraform `.tf`), as hclsyntax/spec.md describes it. Every node
// keeps its range so a finding can point at an attribute, at its value, or at a block's header line.

/** 1-based line and column; columns count Unicode code points (a tab is one column, as the spec says). */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** 0-based UTF-16 offset into the source, for `text.slice`. */
  readonly offset: number;
}

/** `end` is exclusive, as SARIF regions are. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type DiagnosticCode =
  | 'invalid-character'
  | 'invalid-escape'
  | 'unterminated-string'
  | 'unterminated-heredoc'
  | 'unterminated-comment'
  | 'unexpected-token'
  | 'unclosed-block'
  | 'unclosed-bracket'
  | 'invalid-label'
  | 'too-deep'
  | 'too-many-errors'
  | 'internal-error';

export interface Diagnostic {
  readonly severity: 'error';
  readonly code: DiagnosticCode;
  /** The parser's own words; quotes at most a few characters of the source, never a string's content. */
  readonly message: string;
  readonly range: Range;
}

export interface HclFile {
  readonly body: Body;
  /** Sorted by position. Empty for a file Terraform would accept. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface Body {
  readonly items: readonly BodyItem[];
  readonly range: Range;
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  readonly kind: 'attribute';
  readonly name: string;
  readonly nameRange: Range;
  readonly value: Expression;
  /** From the name to the end of the value. */
  readonly range: Range;
}

export interface BlockLabel {
  readonly value: string;
  readonly range: Range;
}

export interface Block {
  readonly kind: 'block';
  readonly type: string;
  readonly typeRange: Range;
  readonly labels: readonly BlockLabel[];
  readonly body: Body;
  readonly openBraceRange: Range;
  /** Undefined when the block was never closed (a diagnostic says so). */
  readonly closeBraceRange: Range | undefined;
  /** From the type name to the closing brace; `range.start.line` is the header line. */
  readonly range: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | ConditionalExpr
  | UnaryExpr
  | BinaryExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParensExpr
  | InvalidExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly range: Range;
}

export type TemplatePart =
  | { readonly kind: 'literal'; readonly value: string; readonly range: Range }
  | { readonly kind: 'interpolation'; readonly expr: Expression; readonly range: Range }
  | TemplateDirective;

/** `%{ if }`, `%{ for }` and their closers are kept as parsed, not evaluated. */
export interface TemplateDirective {
  readonly kind: 'directive';
  readonly keyword: 'if' | 'else' | 'endif' | 'for' | 'endfor';
  /** The condition of `if`, the collection of `for`. */
  readonly expr: Expression | undefined;
  /** The iteration variables of `for`. */
  readonly variables: readonly string[];
  readonly range: Range;
}

export interface TemplateExpr {
  readonly kind: 'template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc: boolean;
  readonly range: Range;
}

export interface VariableExpr {
  readonly kind: 'variable';
  readonly name: string;
  readonly range: Range;
}

export interface GetAttrExpr {
  readonly kind: 'getAttr';
  readonly object: Expression;
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
}

/** `x[key]`, and the legacy `x.0`. */
export interface IndexExpr {
  readonly kind: 'index';
  readonly object: Expression;
  readonly key: Expression;
  readonly range: Range;
}

/** `source[*].each` or `source.*.each`: `each` is written against a SplatItemExpr standing for one element. */
export interface SplatExpr {
  readonly kind: 'splat';
  readonly source: Expression;
  readonly each: Expression;
  readonly style: 'full' | 'attr';
  readonly range: Range;
}

export interface SplatItemExpr {
  readonly kind: 'splatItem';
  readonly range: Range;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expression[];
  /** The last argument was followed by `...`. */
  readonly expandFinal: boolean;
  readonly range: Range;
}

export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly condition: Expression;
  readonly trueResult: Expression;
  readonly falseResult: Expression;
  readonly range: Range;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly operator: '-' | '!';
  readonly operand: Expression;
  readonly range: Range;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: Range;
}

export interface TupleExpr {
  readonly kind: 'tuple';
  readonly items: readonly Expression[];
  readonly range: Range;
}

export interface ObjectItem {
  /** A bare identifier key is a string literal (`{ foo = 1 }`); write `(foo)` to use a variable. */
  readonly key: Expression;
  readonly value: Expression;
  readonly range: Range;
}

export interface ObjectExpr {
  readonly kind: 'object';
  readonly items: readonly ObjectItem[];
  readonly range: Range;
}

export interface ForExpr {
  readonly kind: 'for';
  /** `{ for ... }` builds an object, `[ for ... ]` a tuple. */
  readonly isObject: boolean;
  readonly keyVar: string | undefined;
  readonly valueVar: string;
  readonly collection: Expression;
  /** Only for objects: the expression before `=>`. */
  readonly keyExpr: Expression | undefined;
  readonly valueExpr: Expression;
  readonly condition: Expression | undefined;
  /** `...` after the value: values with the same key are grouped into tuples. */
  readonly grouping: boolean;
  readonly range: Range;
}

export interface ParensExpr {
  readonly kind: 'parens';
  readonly expr: Expression;
  readonly range: Range;
}

/** Stands where an expression could not be parsed; a diagnostic says why. */
export interface InvalidExpr {
  readonly kind: 'invalid';
  readonly range: Range;
}
