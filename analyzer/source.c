/* source.c -- an asm statement read back from its C source: the
   scanner behind the plugin's fix-it hints.  It reads the statement
   from its keyword to its closing parenthesis, decodes the template's
   and the constraints' string literals (with the source offset of each
   byte), checks that they are what the compiler saw, and computes the
   edits that make a statement's mechanical fixes.

   The text is untrusted: it is whatever the user's file holds at the
   statement's location.  Anything the scanner does not follow exactly
   (a preprocessor directive or a line continuation inside the
   statement, a prefixed or raw string literal, a universal character
   name, an unterminated literal or comment) makes it give up, and the
   caller gives no hint.  No GCC headers; lines come from a callback.  */

#include <stdlib.h>
#include <string.h>
#include "safeasm.h"

/* ---------------------------------------------------------------- */
/* The source text.                                                 */

#define SRC_MAX_LINES 500
#define SRC_MAX_BYTES (1u << 20)

void
sa_src_init (struct sa_src *s, sa_line_fn get_line, void *ctx, int first_line)
{
  memset (s, 0, sizeof *s);
  s->get_line = get_line;
  s->ctx = ctx;
  s->first_line = first_line;
}

/* Append the next line; 0 if there is none (or no memory for it).  */
static int
src_more (struct sa_src *s)
{
  const char *line;
  size_t n;

  if (s->done || s->nlines >= SRC_MAX_LINES
      || !s->get_line (s->ctx, s->first_line + (int) s->nlines, &line, &n)
      || n > SRC_MAX_BYTES || s->len + n + 1 > SRC_MAX_BYTES)
    {
      s->done = 1;
      return 0;
    }
  if (s->len + n + 1 > s->cap)
    {
      size_t cap = (s->len + n + 1) * 2;
      char *t = realloc (s->text, cap);
      if (!t)
        {
          s->done = 1;
          return 0;
        }
      s->text = t;
      s->cap = cap;
    }
  if (s->nlines == s->cap_lines)
    {
      unsigned cap = s->cap_lines ? s->cap_lines * 2 : 16;
      size_t *st = realloc (s->starts, cap * sizeof *st);
      if (!st)
        {
          s->done = 1;
          return 0;
        }
      s->starts = st;
      s->cap_lines = cap;
    }
  /* Copied at once: the caller's buffer may change at the next call.  */
  if (n)
    memcpy (s->text + s->len, line, n);
  s->starts[s->nlines++] = s->len;
  s->len += n;
  s->text[s->len++] = '\n';
  return 1;
}

void
sa_src_free (struct sa_src *s)
{
  free (s->text);
  free (s->starts);
  s->text = NULL;
  s->starts = NULL;
}

/* The character at OFF, reading more lines as needed; -1 past the end.  */
static int
src_char (struct sa_src *s, size_t off)
{
  while (off >= s->len)
    if (!src_more (s))
      return -1;
  return (unsigned char) s->text[off];
}

int
sa_src_position (const struct sa_src *s, size_t off, int *line, unsigned *column)
{
  unsigned k = 0, lo = 0, hi = s->nlines;

  while (lo < hi)
    {
      unsigned mid = lo + (hi - lo) / 2;
      if (s->starts[mid] <= off)
        {
          k = mid;
          lo = mid + 1;
        }
      else
        hi = mid;
    }
  if (!s->nlines || off < s->starts[k] || off >= s->len)
    return 0;
  *line = s->first_line + (int) k;
  *column = (unsigned) (off - s->starts[k] + 1);
  return 1;
}

/* ---------------------------------------------------------------- */
/* String literals.                                                 */

static int
lit_add (struct sa_lit *l, int c, size_t raw, int plain)
{
  if (l->n + 1 >= l->cap)
    {
      size_t cap = l->cap ? l->cap * 2 : 32;
      char *b = realloc (l->bytes, cap);
      if (b)
        l->bytes = b;
      size_t *r = realloc (l->raw, cap * sizeof *r);
      if (r)
        l->raw = r;
      unsigned char *p = realloc (l->plain, cap);
      if (p)
        l->plain = p;
      if (!b || !r || !p)
        return 0;
      l->cap = cap;
    }
  l->bytes[l->n] = (char) c;
  l->raw[l->n] = raw;
  l->plain[l->n] = (unsigned char) plain;
  l->n++;
  l->bytes[l->n] = '\0';
  return 1;
}

static void
lit_free (struct sa_lit *l)
{
  free (l->bytes);
  free (l->raw);
  free (l->plain);
  memset (l, 0, sizeof *l);
}

/* ---------------------------------------------------------------- */
/* Lexing.  Character classes are ASCII's: the C locale of the source,
   not the compiler's.  */

struct lexer
{
  struct sa_src *s;
  size_t pos;
  int bol;                      /* only blanks since the start of a line */
};

static int
is_alpha (int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

static int
ident_char (int c)
{
  return c == '_' || c == '$' || is_alpha (c) || is_digit (c);
}

/* Skip blanks and comments.  0 on what the scanner does not follow:
   a preprocessor directive, a backslash-newline, an unterminated
   comment.  */
static int
skip_space (struct lexer *lx)
{
  for (;;)
    {
      int c = src_char (lx->s, lx->pos);
      if (c == '\n')
        {
          lx->bol = 1;
          lx->pos++;
        }
      else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        lx->pos++;
      else if (c == '/' && src_char (lx->s, lx->pos + 1) == '*')
        {
          lx->pos += 2;
          for (;;)
            {
              c = src_char (lx->s, lx->pos);
              if (c < 0)
                return 0;
              if (c == '*' && src_char (lx->s, lx->pos + 1) == '/')
                {
                  lx->pos += 2;
                  break;
                }
              lx->pos++;
            }
        }
      else if (c == '/' && src_char (lx->s, lx->pos + 1) == '/')
        {
          while ((c = src_char (lx->s, lx->pos)) >= 0 && c != '\n')
            {
              if (c == '\\' && src_char (lx->s, lx->pos + 1) == '\n')
                return 0;
              lx->pos++;
            }
        }
      else if (c == '#' && lx->bol)
        return 0;
      else if (c == '\\')
        return 0;
      else
        return 1;
    }
}

static int
hex_digit (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The byte an escape sequence stands for, its backslash at P - 1;
   advances P past it.  -1 for what is not decoded exactly (\u, \U, a
   backslash-newline, an unknown escape, a value above 0xff).  */
static int
read_escape (struct lexer *lx, size_t *p)
{
  int c = src_char (lx->s, *p), v = 0, d, k;
  static const char from[] = "ntrabfveE\\'\"?", to[] = "\n\t\r\a\b\f\v\033\033\\'\"?";
  const char *e;

  if (c > 0 && (e = strchr (from, c)) != NULL)
    {
      ++*p;
      return (unsigned char) to[e - from];
    }
  if (c == 'x')
    {
      ++*p;
      for (k = 0; (d = hex_digit (src_char (lx->s, *p))) >= 0; k++)
        {
          v = v * 16 + d;
          if (v > 0xff)
            return -1;
          ++*p;
        }
      return k ? v : -1;
    }
  if (c >= '0' && c <= '7')
    {
      for (k = 0; k < 3; k++)
        {
          d = src_char (lx->s, *p);
          if (d < '0' || d > '7')
            break;
          v = v * 8 + (d - '0');
          ++*p;
        }
      return v > 0xff ? -1 : v;
    }
  return -1;
}

/* Read the string literal at LX->pos (its opening quote) into L,
   appending.  0 on anything it does not decode exactly.  */
static int
read_string (struct lexer *lx, struct sa_lit *l)
{
  size_t p = lx->pos + 1;

  for (;;)
    {
      int c = src_char (lx->s, p);
      size_t start = p;

      if (c < 0 || c == '\n')
        return 0;
      if (c == '"')
        {
          l->close = p;
          lx->pos = p + 1;
          lx->bol = 0;
          return 1;
        }
      if (c != '\\')
        {
          if (!lit_add (l, c, p, 1))
            return 0;
          p++;
          continue;
        }
      p++;
      if ((c = read_escape (lx, &p)) < 0 || !lit_add (l, c, start, 0))
        return 0;
    }
}

/* Skip a character literal at LX->pos.  */
static int
skip_char_literal (struct lexer *lx)
{
  size_t p = lx->pos + 1;
  for (;;)
    {
      int c = src_char (lx->s, p);
      if (c < 0 || c == '\n')
        return 0;
      if (c == '\\')
        {
          c = src_char (lx->s, p + 1);
          if (c < 0 || c == '\n')
            return 0;
          p += 2;
          continue;
        }
      p++;
      if (c == '\'')
        break;
    }
  lx->pos = p;
  lx->bol = 0;
  return 1;
}

/* The identifier at LX->pos, if any: its length (0 if none).  An
   identifier right before a quote is a string prefix (L, u8, R...)
   the scanner does not read: -1.  */
static int
ident_at (struct lexer *lx)
{
  int c = src_char (lx->s, lx->pos), n = 0;
  if (c < 0 || !(c == '_' || c == '$' || is_alpha (c)))
    return 0;
  while (ident_char (src_char (lx->s, lx->pos + n)))
    if (++n > 1024)
      return -1;
  c = src_char (lx->s, lx->pos + n);
  if (c == '"' || c == '\'')
    return -1;
  return n;
}

static int
ident_is (struct lexer *lx, int n, const char *word)
{
  return (size_t) n == strlen (word)
         && memcmp (lx->s->text + lx->pos, word, n) == 0;
}

/* Read adjacent string literals into L (which must be empty).  0 if
   there is none or one cannot be read.  */
static int
read_strings (struct lexer *lx, struct sa_lit *l)
{
  int any = 0;
  for (;;)
    {
      if (!skip_space (lx))
        return 0;
      if (src_char (lx->s, lx->pos) != '"')
        return any;
      if (!read_string (lx, l))
        return 0;
      any = 1;
    }
}

/* Skip a parenthesized expression at LX->pos (its '(').  */
static int
skip_parens (struct lexer *lx)
{
  unsigned depth = 0;
  for (;;)
    {
      int c, n;
      if (!skip_space (lx))
        return 0;
      c = src_char (lx->s, lx->pos);
      if (c < 0)
        return 0;
      lx->bol = 0;
      n = ident_at (lx);
      if (n < 0)
        return 0;
      if (n > 0)
        {
          lx->pos += n;
          continue;
        }
      if (is_digit (c))
        {
          /* A number, with C++14 digit separators refused.  */
          while (ident_char (c = src_char (lx->s, lx->pos)) || c == '.')
            lx->pos++;
          if (c == '\'' || c == '"')
            return 0;
          continue;
        }
      if (c == '"')
        {
          struct sa_lit l;
          int ok;
          memset (&l, 0, sizeof l);
          ok = read_string (lx, &l);
          lit_free (&l);
          if (!ok)
            return 0;
          continue;
        }
      if (c == '\'')
        {
          if (!skip_char_literal (lx))
            return 0;
          continue;
        }
      lx->pos++;
      if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return 1;
    }
}

/* ---------------------------------------------------------------- */
/* The statement.                                                   */

void
sa_src_asm_free (struct sa_src_asm *a)
{
  unsigned i, k;
  lit_free (&a->tmpl);
  for (k = 0; k < 2; k++)
    {
      for (i = 0; i < a->nops[k]; i++)
        lit_free (&a->ops[k][i]);
      free (a->ops[k]);
    }
  for (i = 0; i < a->nclob; i++)
    free (a->clob[i]);
  free (a->clob);
  memset (a, 0, sizeof *a);
}

static int
punct (struct lexer *lx, int c)
{
  if (!skip_space (lx))
    return 0;
  if (src_char (lx->s, lx->pos) != c)
    return 0;
  lx->pos++;
  lx->bol = 0;
  return 1;
}

static int
peek (struct lexer *lx)
{
  if (!skip_space (lx))
    return -1;
  return src_char (lx->s, lx->pos);
}

/* Operands of section K (0 outputs, 1 inputs), up to ':' or ')'.  */
static int
parse_operands (struct lexer *lx, struct sa_src_asm *a, unsigned k)
{
  int c = peek (lx);
  unsigned cap = 0;

  if (c == ':' || c == ')')
    return 1;
  for (;;)
    {
      struct sa_lit *l;
      int n;

      if (a->nops[k] >= SA_SRC_MAX_OPERANDS)
        return 0;
      if (peek (lx) == '[')
        {
          lx->pos++;
          if (!skip_space (lx) || (n = ident_at (lx)) <= 0)
            return 0;
          lx->pos += n;
          if (!punct (lx, ']'))
            return 0;
        }
      if (a->nops[k] == cap)
        {
          cap = cap ? cap * 2 : 8;
          l = realloc (a->ops[k], cap * sizeof *l);
          if (!l)
            return 0;
          a->ops[k] = l;
        }
      l = &a->ops[k][a->nops[k]++];
      memset (l, 0, sizeof *l);
      if (!read_strings (lx, l) || peek (lx) != '(' || !skip_parens (lx))
        return 0;
      a->last_end = lx->pos;
      if (peek (lx) != ',')
        return 1;
      lx->pos++;
    }
}

static int
parse_clobbers (struct lexer *lx, struct sa_src_asm *a)
{
  unsigned cap = 0;
  int c = peek (lx);

  if (c == ':' || c == ')')
    return 1;
  for (;;)
    {
      struct sa_lit l;
      char *name;

      memset (&l, 0, sizeof l);
      /* A clobber is a name: not empty, no NUL.  */
      if (a->nclob >= SA_SRC_MAX_CLOBBERS || !read_strings (lx, &l)
          || l.n == 0 || memchr (l.bytes, '\0', l.n))
        {
          lit_free (&l);
          return 0;
        }
      if (a->nclob == cap)
        {
          char **v;
          cap = cap ? cap * 2 : 8;
          v = realloc (a->clob, cap * sizeof *v);
          if (!v)
            {
              lit_free (&l);
              return 0;
            }
          a->clob = v;
        }
      /* The literal's buffer becomes the name.  */
      name = l.bytes;
      l.bytes = NULL;
      a->clob[a->nclob++] = name;
      a->clob_end = a->last_end = l.close + 1;
      lit_free (&l);
      if (peek (lx) != ',')
        return 1;
      lx->pos++;
    }
}

static int
parse_labels (struct lexer *lx, struct sa_src_asm *a)
{
  int c = peek (lx), n;

  if (c == ')')
    return 1;
  for (;;)
    {
      if (!skip_space (lx) || (n = ident_at (lx)) <= 0)
        return 0;
      lx->pos += n;
      a->nlab++;
      a->last_end = lx->pos;
      if (peek (lx) != ',')
        return 1;
      lx->pos++;
    }
}

int
sa_src_parse (struct sa_src *s, size_t column, struct sa_src_asm *a)
{
  struct lexer lx;
  int n;

  memset (a, 0, sizeof *a);
  /* The keyword is on the first line, at COLUMN.  */
  if (s->nlines != 0 || column == 0 || !src_more (s) || column >= s->len)
    return 0;
  lx.s = s;
  lx.pos = column - 1;
  lx.bol = 0;
  n = ident_at (&lx);
  if (n <= 0 || !(ident_is (&lx, n, "asm") || ident_is (&lx, n, "__asm")
                  || ident_is (&lx, n, "__asm__")))
    return 0;
  a->kw_plain = ident_is (&lx, n, "asm");
  lx.pos += n;
  lx.bol = 0;
  a->kw_end = lx.pos;
  for (;;)
    {
      if (!skip_space (&lx))
        return 0;
      n = ident_at (&lx);
      if (n < 0)
        return 0;
      if (n == 0)
        break;
      if (ident_is (&lx, n, "volatile") || ident_is (&lx, n, "__volatile")
          || ident_is (&lx, n, "__volatile__"))
        a->has_volatile = 1;
      else if (ident_is (&lx, n, "goto"))
        a->has_goto = 1;
      else if (!(ident_is (&lx, n, "inline") || ident_is (&lx, n, "__inline")
                 || ident_is (&lx, n, "__inline__")))
        return 0;
      lx.pos += n;
    }
  if (!punct (&lx, '('))
    return 0;
  if (!read_strings (&lx, &a->tmpl))
    return 0;
  a->last_end = a->tmpl.close + 1;
  for (;;)
    {
      int c = peek (&lx);
      if (c == ')')
        return 1;
      if (c != ':' || a->nsect == 4)
        return 0;
      a->colon[a->nsect++] = lx.pos;
      lx.pos++;
      a->last_end = lx.pos;
      switch (a->nsect)
        {
        case 1: case 2:
          if (!parse_operands (&lx, a, a->nsect - 1))
            return 0;
          break;
        case 3:
          if (!parse_clobbers (&lx, a))
            return 0;
          break;
        default:
          if (!parse_labels (&lx, a))
            return 0;
          break;
        }
    }
}

/* ---------------------------------------------------------------- */
/* Matching what the compiler saw.                                  */

int
sa_src_same_resolved (const char *src, size_t n, const char *g, int tmpl)
{
  size_t i = 0, j = 0, glen = strlen (g);

  while (i < n)
    {
      size_t k = i, letters = 0;
      if (tmpl && src[i] == '%')
        {
          if (i + 1 < n && src[i + 1] == '%')
            {
              if (g[j] != '%' || g[j + 1] != '%')
                return 0;
              i += 2;
              j += 2;
              continue;
            }
          k = i + 1;
          while (letters < 2 && k < n && is_alpha (src[k]))
            k++, letters++;
        }
      if ((tmpl && src[i] == '%' && k < n && src[k] == '[')
          || (!tmpl && src[i] == '['))
        {
          const char *close = memchr (src + k, ']', n - k);
          size_t d = 0;
          if (!close || glen - j < k - i || memcmp (src + i, g + j, k - i) != 0)
            return 0;
          j += k - i;
          while (is_digit (g[j]))
            j++, d++;
          if (!d)
            return 0;
          i = (size_t) (close - src) + 1;
          continue;
        }
      if (src[i] != g[j])
        return 0;
      i++;
      j++;
    }
  return g[j] == '\0';
}

static int
has_nul (const struct sa_lit *l)
{
  return l->n && memchr (l->bytes, '\0', l->n) != NULL;
}

int
sa_src_matches (const struct sa_src_asm *a, const struct sa_src_stmt *g)
{
  unsigned i, j, nplus = 0;
  unsigned long long used[(SA_SRC_MAX_CLOBBERS + 63) / 64];

  if ((a->nsect == 0) != (g->basic != 0))
    return 0;
  if ((a->has_goto != 0) != (g->n_labels > 0) || a->nlab != g->n_labels)
    return 0;
  if (!g->tmpl || has_nul (&a->tmpl)
      || !sa_src_same_resolved (a->tmpl.n ? a->tmpl.bytes : "", a->tmpl.n, g->tmpl, 1))
    return 0;
  if (a->nops[0] != g->n_outputs)
    return 0;
  for (i = 0; i < a->nops[0]; i++)
    {
      const struct sa_lit *l = &a->ops[0][i];
      const char *c = g->constraints[i];
      if (!l->n || has_nul (l) || !c)
        return 0;
      if (l->bytes[0] == '+')
        {
          nplus++;
          if (c[0] != '=' || strcmp (l->bytes + 1, c + 1) != 0)
            return 0;
        }
      else if (strcmp (l->bytes, c) != 0)
        return 0;
    }
  if (a->nops[1] + nplus != g->n_inputs)
    return 0;
  for (i = 0; i < a->nops[1]; i++)
    {
      const struct sa_lit *l = &a->ops[1][i];
      const char *c = g->constraints[g->n_outputs + i];
      if (!c || has_nul (l)
          || !sa_src_same_resolved (l->n ? l->bytes : "", l->n, c, 0))
        return 0;
    }
  /* The C parser lists the clobbers in reverse: compare as sets.  */
  if (a->nclob != g->n_clobbers || a->nclob > SA_SRC_MAX_CLOBBERS)
    return 0;
  memset (used, 0, sizeof used);
  for (i = 0; i < a->nclob; i++)
    {
      for (j = 0; j < a->nclob; j++)
        if (!(used[j / 64] >> (j % 64) & 1) && g->clobbers[j]
            && strcmp (g->clobbers[j], a->clob[i]) == 0)
          break;
      if (j == a->nclob)
        return 0;
      used[j / 64] |= 1ull << (j % 64);
    }
  return 1;
}

/* ---------------------------------------------------------------- */
/* Edits.                                                           */

static int
add_edit (struct sa_edits *ed, size_t off, size_t len, const char *text)
{
  size_t n = strlen (text);
  char *t;

  if (ed->n == ed->cap)
    {
      unsigned cap = ed->cap ? ed->cap * 2 : 8;
      struct sa_edit *e = realloc (ed->e, cap * sizeof *e);
      if (!e)
        return 0;
      ed->e = e;
      ed->cap = cap;
    }
  if (!(t = malloc (n + 1)))
    return 0;
  memcpy (t, text, n + 1);
  ed->e[ed->n].off = off;
  ed->e[ed->n].len = len;
  ed->e[ed->n].text = t;
  ed->n++;
  return 1;
}

void
sa_edits_free (struct sa_edits *ed)
{
  unsigned i;
  for (i = 0; i < ed->n; i++)
    free (ed->e[i].text);
  free (ed->e);
  memset (ed, 0, sizeof *ed);
}

/* The edits for an output whose constraint is L: '=' to '+' and/or '&'.  */
static int
output_edits (struct sa_edits *ed, const struct sa_lit *l, int inout, int early)
{
  char first[4];
  size_t j, k = 0;
  int amp = 0;

  if (!l->n || !l->plain[0])
    return 0;
  if (l->bytes[0] != '=' && (inout || l->bytes[0] != '+'))
    return 0;
  for (j = 1; j < l->n && l->bytes[j] != ','; j++)
    if (l->bytes[j] == '&')
      amp = 1;
  first[k++] = inout ? '+' : l->bytes[0];
  if (early && !amp)
    first[k++] = '&';
  first[k] = '\0';
  if ((k > 1 || first[0] != l->bytes[0]) && !add_edit (ed, l->raw[0], 1, first))
    return 0;
  if (!early)
    return 1;
  /* '&' in every other alternative that lacks it.  */
  for (j = 1; j < l->n; j++)
    if (l->bytes[j] == ',')
      {
        size_t e;
        amp = 0;
        for (e = j + 1; e < l->n && l->bytes[e] != ','; e++)
          if (l->bytes[e] == '&')
            amp = 1;
        if (!amp && !add_edit (ed, j + 1 < l->n ? l->raw[j + 1] : l->close, 0, "&"))
          return 0;
      }
  return 1;
}

/* Append S to the N bytes of B (SIZE in all); 0 if it does not fit.  */
static int
append (char *b, size_t *n, size_t size, const char *s)
{
  size_t k = strlen (s);
  if (*n + k + 1 > size)
    return 0;
  memcpy (b + *n, s, k + 1);
  *n += k;
  return 1;
}

static int
clobber_edit (struct sa_edits *ed, const struct sa_src_asm *a,
              const struct sa_src_fixes *fx)
{
  char b[64 + SA_SRC_MAX_FIX_CLOBBERS * 24];
  size_t n = 0;
  unsigned i;
  int memory = 0, ok = 1;

  b[0] = '\0';
  if (a->nsect == 0)
    {
      /* A basic asm becomes extended: escape what '%' means there,
         keep its implicit "memory" clobber.  */
      size_t j;
      for (j = 0; j < a->tmpl.n; j++)
        if (a->tmpl.bytes[j] && strchr ("%{|}", a->tmpl.bytes[j])
            && !add_edit (ed, a->tmpl.raw[j], 0, "%"))
          return 0;
      ok = append (b, &n, sizeof b, " : : : \"memory\"");
      memory = 1;
    }
  else if (a->nsect == 1)
    ok = append (b, &n, sizeof b, " : : ");
  else if (a->nsect == 2)
    ok = append (b, &n, sizeof b, " : ");
  else if (a->nclob)
    memory = -1;
  else
    ok = append (b, &n, sizeof b, " ");
  /* The edited statement must stay within what the scanner reads.  */
  if (fx->n_clobbers > SA_SRC_MAX_FIX_CLOBBERS
      || a->nclob + fx->n_clobbers > SA_SRC_MAX_CLOBBERS)
    return 0;
  for (i = 0; i < fx->n_clobbers && ok; i++)
    {
      const char *c = fx->clobbers[i];
      if (!c || !*c || strlen (c) > 16 || strpbrk (c, "\"\\"))
        return 0;
      if (memory > 0 && strcmp (c, "memory") == 0)
        continue;
      if (memory < 0 || i > 0 || memory > 0)
        ok = append (b, &n, sizeof b, ", ");
      ok = ok && append (b, &n, sizeof b, "\"") && append (b, &n, sizeof b, c)
           && append (b, &n, sizeof b, "\"");
    }
  if (!ok)
    return 0;
  if (a->nsect >= 3 && a->nclob)
    return add_edit (ed, a->clob_end, 0, b);
  if (a->nsect >= 3)
    return add_edit (ed, a->colon[2] + 1, 0, b);
  return add_edit (ed, a->last_end, 0, b);
}

static int
edit_cmp (const void *pa, const void *pb)
{
  const struct sa_edit *a = pa, *b = pb;
  return a->off < b->off ? -1 : a->off > b->off;
}

int
sa_src_edits (struct sa_edits *ed, const struct sa_src_asm *a,
              const struct sa_src_fixes *fx)
{
  unsigned i;

  memset (ed, 0, sizeof *ed);
  if (fx->make_volatile
      && (a->has_volatile
          || !add_edit (ed, a->kw_end, 0, a->kw_plain ? " volatile" : " __volatile__")))
    goto fail;
  /* "+" adds an operand, which renumbers the labels of an asm goto
     that refers to them by number (%l2).  */
  if (fx->inout && a->has_goto)
    for (i = 0; i + 2 < a->tmpl.n; i++)
      if (a->tmpl.bytes[i] == '%' && a->tmpl.bytes[i + 1] == 'l'
          && is_digit (a->tmpl.bytes[i + 2]))
        goto fail;
  for (i = 0; i < a->nops[0] && i < 64; i++)
    {
      int inout = (fx->inout >> i) & 1, early = (fx->early >> i) & 1;
      if ((inout || early)
          && !output_edits (ed, &a->ops[0][i], inout, early))
        goto fail;
    }
  for (i = a->nops[0]; i < 64; i++)
    if (((fx->inout | fx->early) >> i) & 1)
      goto fail;
  if (fx->n_clobbers && !clobber_edit (ed, a, fx))
    goto fail;
  if (!ed->n)
    goto fail;
  qsort (ed->e, ed->n, sizeof *ed->e, edit_cmp);
  /* Edits must not overlap or share a position.  */
  for (i = 1; i < ed->n; i++)
    if (ed->e[i].off < ed->e[i - 1].off + ed->e[i - 1].len + (ed->e[i - 1].len == 0))
      goto fail;
  return (int) ed->n;

 fail:
  sa_edits_free (ed);
  return 0;
}
