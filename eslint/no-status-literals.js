/**
 * Statuses are declared once, in domain/ lifecycle tables (domain/lifecycle.ts): outside domain/ a
 * status is tested through them (`ballotLifecycle.is.open(b.status)`, `isDecided(m.status)`,
 * `inStates(column, DECIDED_STATUSES)`), never against a string literal. This rule reports a string
 * literal compared with, switched on, or listed beside anything named `status` / `…Status`, in
 * TypeScript, Vue templates and SQL template strings.
 */

const STATUS_NAME = /^status$|Status$/;

/** The node without `?.`, `!` and parentheses around it. */
function unwrap(node) {
  let n = node;
  while (n && (n.type === 'ChainExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSAsExpression')) {
    n = n.expression;
  }
  return n;
}

function isStatusNamed(node) {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'Identifier') return STATUS_NAME.test(n.name);
  if (n.type === 'MemberExpression')
    return !n.computed && n.property.type === 'Identifier' && STATUS_NAME.test(n.property.name);
  if (n.type === 'CallExpression') return isStatusNamed(n.callee);
  return false;
}

/** drizzle's comparisons: eq(t.status, 'open'), inArray(t.status, ['a', 'b']). */
const COMPARISONS = /^(eq|ne|inArray|notInArray)$/;

const isStringLiteral = (node) => node?.type === 'Literal' && typeof node.value === 'string' && node.value !== '';
const isLiteralList = (node) => node?.type === 'ArrayExpression' && node.elements.some(isStringLiteral);

/** SQL that compares or lists a status: `status = 'open'`, `m.status in ('a', 'b')`, `${t.status} <> 'done'`. */
const SQL_AFTER_STATUS = /^\s*(=|<>|!=|(not\s+)?in\s*\()\s*'/i;
const SQL_STATUS = /status\s*(=|<>|!=|(not\s+)?in\s*\()\s*'/i;

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Status literals live in domain/ lifecycle tables only' },
    messages: {
      literal:
        "Status literal '{{value}}' outside domain/: test it through its domain lifecycle table (e.g. …Lifecycle.is.{{value}}(status)).",
      list: 'A list of status literals outside domain/: name the set in the domain lifecycle table and import it.',
      sql: 'A status literal in SQL: build the condition with isState/inStates (server/db/lifecycle-sql.ts) from the lifecycle table.',
    },
    schema: [],
  },
  create(context) {
    const visitors = {
      BinaryExpression(node) {
        if (!['===', '!==', '==', '!='].includes(node.operator)) return;
        const [a, b] = [node.left, node.right];
        const literal = isStringLiteral(a) && isStatusNamed(b) ? a : isStringLiteral(b) && isStatusNamed(a) ? b : null;
        if (literal) context.report({ node: literal, messageId: 'literal', data: { value: literal.value } });
      },
      SwitchStatement(node) {
        if (!isStatusNamed(node.discriminant)) return;
        for (const c of node.cases) {
          if (isStringLiteral(c.test))
            context.report({ node: c.test, messageId: 'literal', data: { value: c.test.value } });
        }
      },
      CallExpression(node) {
        const args = node.arguments;
        const callee = unwrap(node.callee);
        if (callee?.type === 'Identifier' && COMPARISONS.test(callee.name) && args.some(isStatusNamed)) {
          for (const arg of args) {
            if (isStringLiteral(arg)) context.report({ node: arg, messageId: 'literal', data: { value: arg.value } });
            if (isLiteralList(arg)) context.report({ node: arg, messageId: 'list' });
          }
        }
        // ['a', 'b'].includes(x.status)
        if (callee?.type === 'MemberExpression' && isLiteralList(unwrap(callee.object)) && args.some(isStatusNamed)) {
          context.report({ node: callee.object, messageId: 'list' });
        }
      },
      TemplateLiteral(node) {
        node.quasis.forEach((quasi, i) => {
          const raw = quasi.value.raw;
          const afterStatus = i > 0 && isStatusNamed(node.expressions[i - 1]) && SQL_AFTER_STATUS.test(raw);
          if (afterStatus || SQL_STATUS.test(raw)) context.report({ node: quasi, messageId: 'sql' });
        });
      },
    };
    const templateVisitor = context.sourceCode.parserServices?.defineTemplateBodyVisitor;
    return templateVisitor ? templateVisitor(visitors, visitors) : visitors;
  },
};
