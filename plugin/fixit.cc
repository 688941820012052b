/* fixit.cc -- fix-it hints: the source edits that make the mechanical
   fixes of a rejected asm statement (a clobber, '=' to '+', '&',
   volatile), so that -fdiagnostics-generate-patch prints a patch.

   GIMPLE keeps only the location of the asm keyword.  The text of the
   statement is read from the file (GCC's file cache), from the keyword
   to its closing parenthesis, and parsed: qualifiers, the template's
   string literals, the operands' constraint literals (the operand
   expressions are skipped, parentheses balanced), the clobbers, the
   labels.  What was parsed must then match the GIMPLE statement
   exactly: the template and the constraints as the front end resolved
   them (named operands become numbers, "+" becomes "=" plus an input),
   the clobbers, the number of labels.  Anything unexpected -- a macro
   expansion, a macro where a string should be, a preprocessor
   directive or a line continuation inside the statement, a prefixed or
   raw string literal, a position GCC cannot name with a location --
   and no hint is given at all: the warning goes out without one.
   A hint is never a guess.  */

#include "plugin.h"

/* ---------------------------------------------------------------- */
/* The source text: lines of one file from the asm keyword on.      */

#define SRC_MAX_LINES 500
#define SRC_MAX_BYTES (1u << 20)

struct src
{
  const char *file;
  int first_line;
  char *text;                   /* the lines, each ended by '\n' */
  size_t len, cap;
  size_t *starts;               /* offset of each line in TEXT */
  unsigned nlines, cap_lines;
  int done;                     /* end of file or of the limits */
};

/* Append the next line; 0 if there is none.  */
static int
src_more (struct src *s)
{
  size_t n;

  if (s->done || s->nlines >= SRC_MAX_LINES)
    {
      s->done = 1;
      return 0;
    }
  char_span line = location_get_source_line (s->file,
                                             s->first_line + (int) s->nlines);
  if (!line)
    {
      s->done = 1;
      return 0;
    }
  n = line.length ();
  if (s->len + n + 1 > SRC_MAX_BYTES)
    {
      s->done = 1;
      return 0;
    }
  if (s->len + n + 1 > s->cap)
    {
      s->cap = (s->len + n + 1) * 2;
      s->text = XRESIZEVEC (char, s->text, s->cap);
    }
  if (s->nlines == s->cap_lines)
    {
      s->cap_lines = s->cap_lines ? s->cap_lines * 2 : 16;
      s->starts = XRESIZEVEC (size_t, s->starts, s->cap_lines);
    }
  /* Copied at once: the file cache may move its buffer later.  */
  memcpy (s->text + s->len, line.get_buffer (), n);
  s->starts[s->nlines++] = s->len;
  s->len += n;
  s->text[s->len++] = '\n';
  return 1;
}

static void
src_free (struct src *s)
{
  XDELETEVEC (s->text);
  XDELETEVEC (s->starts);
}

/* The character at OFF, reading more lines as needed; -1 past the end.  */
static int
src_char (struct src *s, size_t off)
{
  while (off >= s->len)
    if (!src_more (s))
      return -1;
  return (unsigned char) s->text[off];
}

/* ---------------------------------------------------------------- */
/* Lexing.                                                          */

/* A string literal, or adjacent ones, decoded.  RAW[i] is the offset
   in the source of the first character that spelled byte I, PLAIN[i]
   whether it was spelled as itself (not an escape).  */
struct lit
{
  char *bytes;
  size_t *raw;
  unsigned char *plain;
  size_t n, cap;
  size_t close;                 /* offset of the last closing quote */
};

static void
lit_add (struct lit *l, int c, size_t raw, int plain)
{
  if (l->n + 1 >= l->cap)
    {
      l->cap = l->cap ? l->cap * 2 : 32;
      l->bytes = XRESIZEVEC (char, l->bytes, l->cap);
      l->raw = XRESIZEVEC (size_t, l->raw, l->cap);
      l->plain = XRESIZEVEC (unsigned char, l->plain, l->cap);
    }
  l->bytes[l->n] = (char) c;
  l->raw[l->n] = raw;
  l->plain[l->n] = (unsigned char) plain;
  l->n++;
  l->bytes[l->n] = '\0';
}

static void
lit_free (struct lit *l)
{
  XDELETEVEC (l->bytes);
  XDELETEVEC (l->raw);
  XDELETEVEC (l->plain);
  memset (l, 0, sizeof *l);
}

struct lexer
{
  struct src *s;
  size_t pos;
  int bol;                      /* only blanks since the start of a line */
};

static int
ident_char (int c)
{
  return c == '_' || c == '$' || ISALNUM (c);
}

/* Skip blanks and comments.  0 on what the scanner does not follow:
   a preprocessor directive or a backslash-newline.  */
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

/* Read the string literal at LX->pos (its opening quote) into L,
   appending.  0 on anything it does not decode exactly.  */
static int
read_string (struct lexer *lx, struct lit *l)
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
          lit_add (l, c, p, 1);
          p++;
          continue;
        }
      c = src_char (lx->s, ++p);
      switch (c)
        {
        case 'n': c = '\n'; p++; break;
        case 't': c = '\t'; p++; break;
        case 'r': c = '\r'; p++; break;
        case 'a': c = '\a'; p++; break;
        case 'b': c = '\b'; p++; break;
        case 'f': c = '\f'; p++; break;
        case 'v': c = '\v'; p++; break;
        case 'e': case 'E': c = 27; p++; break;
        case '\\': case '\'': case '"': case '?': p++; break;
        case 'x':
          {
            int v = 0, d, k = 0;
            p++;
            while ((d = hex_digit (src_char (lx->s, p))) >= 0)
              {
                v = v * 16 + d;
                if (v > 0xff)
                  return 0;
                p++;
                k++;
              }
            if (!k)
              return 0;
            c = v;
            break;
          }
        default:
          if (c >= '0' && c <= '7')
            {
              int v = 0, k;
              for (k = 0; k < 3; k++)
                {
                  int d = src_char (lx->s, p);
                  if (d < '0' || d > '7')
                    break;
                  v = v * 8 + (d - '0');
                  p++;
                }
              if (v > 0xff)
                return 0;
              c = v;
              break;
            }
          /* \u, \U, a backslash-newline, anything else.  */
          return 0;
        }
      lit_add (l, c, start, 0);
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
  if (c < 0 || !(c == '_' || c == '$' || ISALPHA (c)))
    return 0;
  while (ident_char (src_char (lx->s, lx->pos + n)))
    n++;
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
read_strings (struct lexer *lx, struct lit *l)
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
  int depth = 0;
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
      if (ISDIGIT (c))
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
          struct lit l;
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

struct src_asm
{
  size_t kw_end;                /* just after the asm keyword */
  int kw_plain;                 /* the keyword is "asm" */
  int has_volatile, has_goto;
  struct lit tmpl;
  unsigned nsect;               /* ':' sections present, 0 to 4 */
  size_t colon[4];
  unsigned nops[2];             /* outputs, inputs */
  struct lit *ops[2];
  unsigned nclob;
  char **clob;
  size_t clob_end;              /* after the last clobber literal */
  unsigned nlab;
  size_t last_end;              /* after the last token before ')' */
};

static void
src_asm_free (struct src_asm *a)
{
  unsigned i, k;
  lit_free (&a->tmpl);
  for (k = 0; k < 2; k++)
    {
      for (i = 0; i < a->nops[k]; i++)
        lit_free (&a->ops[k][i]);
      XDELETEVEC (a->ops[k]);
    }
  for (i = 0; i < a->nclob; i++)
    free (a->clob[i]);
  XDELETEVEC (a->clob);
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
parse_operands (struct lexer *lx, struct src_asm *a, unsigned k)
{
  int c = peek (lx);
  unsigned cap = 0;

  if (c == ':' || c == ')')
    return 1;
  for (;;)
    {
      struct lit *l;
      int n;

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
          a->ops[k] = XRESIZEVEC (struct lit, a->ops[k], cap);
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
parse_clobbers (struct lexer *lx, struct src_asm *a)
{
  unsigned cap = 0;
  int c = peek (lx);

  if (c == ':' || c == ')')
    return 1;
  for (;;)
    {
      struct lit l;
      memset (&l, 0, sizeof l);
      if (!read_strings (lx, &l) || memchr (l.bytes, '\0', l.n))
        {
          lit_free (&l);
          return 0;
        }
      if (a->nclob == cap)
        {
          cap = cap ? cap * 2 : 8;
          a->clob = XRESIZEVEC (char *, a->clob, cap);
        }
      a->clob[a->nclob++] = xstrdup (l.bytes);
      a->clob_end = a->last_end = l.close + 1;
      lit_free (&l);
      if (peek (lx) != ',')
        return 1;
      lx->pos++;
    }
}

static int
parse_labels (struct lexer *lx, struct src_asm *a)
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

/* Parse the statement whose keyword starts at LX->pos.  */
static int
parse_asm (struct lexer *lx, struct src_asm *a)
{
  int n = ident_at (lx);

  if (n <= 0 || !(ident_is (lx, n, "asm") || ident_is (lx, n, "__asm")
                  || ident_is (lx, n, "__asm__")))
    return 0;
  a->kw_plain = ident_is (lx, n, "asm");
  lx->pos += n;
  lx->bol = 0;
  a->kw_end = lx->pos;
  for (;;)
    {
      if (!skip_space (lx))
        return 0;
      n = ident_at (lx);
      if (n < 0)
        return 0;
      if (n == 0)
        break;
      if (ident_is (lx, n, "volatile") || ident_is (lx, n, "__volatile")
          || ident_is (lx, n, "__volatile__"))
        a->has_volatile = 1;
      else if (ident_is (lx, n, "goto"))
        a->has_goto = 1;
      else if (!(ident_is (lx, n, "inline") || ident_is (lx, n, "__inline")
                 || ident_is (lx, n, "__inline__")))
        return 0;
      lx->pos += n;
    }
  if (!punct (lx, '('))
    return 0;
  if (!read_strings (lx, &a->tmpl))
    return 0;
  a->last_end = a->tmpl.close + 1;
  for (;;)
    {
      int c = peek (lx);
      if (c == ')')
        return 1;
      if (c != ':' || a->nsect == 4)
        return 0;
      a->colon[a->nsect++] = lx->pos;
      lx->pos++;
      a->last_end = lx->pos;
      switch (a->nsect)
        {
        case 1: case 2:
          if (!parse_operands (lx, a, a->nsect - 1))
            return 0;
          break;
        case 3:
          if (!parse_clobbers (lx, a))
            return 0;
          break;
        default:
          if (!parse_labels (lx, a))
            return 0;
          break;
        }
    }
}

/* ---------------------------------------------------------------- */
/* Matching the GIMPLE statement.                                   */

/* Nonzero if SRC (N bytes, as written) is G as the front end left it:
   named operand references ("%[name]", "%l[name]" in a template TMPL,
   "[name]" in a constraint) may have become numbers.  */
static int
same_resolved (const char *src, size_t n, const char *g, int tmpl)
{
  size_t i = 0, j = 0;

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
          while (letters < 2 && k < n && ISALPHA (src[k]))
            k++, letters++;
        }
      if ((tmpl && src[i] == '%' && k < n && src[k] == '[')
          || (!tmpl && src[i] == '['))
        {
          const char *close = (const char *) memchr (src + k, ']', n - k);
          size_t d = 0;
          if (!close || memcmp (src + i, g + j, k - i) != 0)
            return 0;
          j += k - i;
          while (ISDIGIT (g[j]))
            j++, d++;
          if (!d)
            return 0;
          i = close - src + 1;
          continue;
        }
      if (src[i] != g[j])
        return 0;
      i++;
      j++;
    }
  return g[j] == '\0';
}

static const char *
tree_string (tree t)
{
  return t && TREE_CODE (t) == STRING_CST ? TREE_STRING_POINTER (t) : NULL;
}

static int
match_stmt (const struct src_asm *a, gasm *stmt, const struct safeasm_orig *orig)
{
  unsigned nclob = gimple_asm_nclobbers (stmt), i, j, nplus = 0;
  const char *t = gimple_asm_string (stmt);
  char *used;
  int ok = 1;

  if ((a->nsect == 0) != (gimple_asm_input_p (stmt) != 0))
    return 0;
  if ((a->has_goto != 0) != (gimple_asm_nlabels (stmt) > 0)
      || a->nlab != gimple_asm_nlabels (stmt))
    return 0;
  if (!t || memchr (a->tmpl.bytes, '\0', a->tmpl.n)
      || !same_resolved (a->tmpl.bytes, a->tmpl.n, t, 1))
    return 0;
  if (a->nops[0] != orig->nout)
    return 0;
  for (i = 0; i < a->nops[0]; i++)
    {
      const struct lit *l = &a->ops[0][i];
      const char *g = orig->constraints[i];
      if (!l->n || memchr (l->bytes, '\0', l->n) || !g)
        return 0;
      if (l->bytes[0] == '+')
        {
          nplus++;
          if (g[0] != '=' || strcmp (l->bytes + 1, g + 1) != 0)
            return 0;
        }
      else if (strcmp (l->bytes, g) != 0)
        return 0;
    }
  if (a->nops[1] + nplus != orig->nin)
    return 0;
  for (i = 0; i < a->nops[1]; i++)
    {
      const struct lit *l = &a->ops[1][i];
      const char *g = orig->constraints[orig->nout + i];
      if (!g || memchr (l->bytes, '\0', l->n)
          || !same_resolved (l->bytes, l->n, g, 0))
        return 0;
    }
  /* The C parser lists the clobbers in reverse: compare as sets.  */
  if (a->nclob != nclob)
    return 0;
  used = XCNEWVEC (char, nclob + 1);
  for (i = 0; i < a->nclob && ok; i++)
    {
      for (j = 0; j < nclob; j++)
        {
          const char *g = tree_string (TREE_VALUE (gimple_asm_clobber_op (stmt, j)));
          if (!used[j] && g && strcmp (g, a->clob[i]) == 0)
            break;
        }
      if (j == nclob)
        ok = 0;
      else
        used[j] = 1;
    }
  XDELETEVEC (used);
  return ok;
}

/* ---------------------------------------------------------------- */
/* Edits and hints.                                                 */

struct edit
{
  size_t off;                   /* where, in the source text */
  size_t len;                   /* bytes replaced: 0 for an insertion */
  char *text;
};

struct edits
{
  struct edit *e;
  unsigned n, cap;
};

static void
add_edit (struct edits *ed, size_t off, size_t len, const char *text)
{
  if (ed->n == ed->cap)
    {
      ed->cap = ed->cap ? ed->cap * 2 : 8;
      ed->e = XRESIZEVEC (struct edit, ed->e, ed->cap);
    }
  ed->e[ed->n].off = off;
  ed->e[ed->n].len = len;
  ed->e[ed->n].text = xstrdup (text);
  ed->n++;
}

static void
edits_free (struct edits *ed)
{
  unsigned i;
  for (i = 0; i < ed->n; i++)
    free (ed->e[i].text);
  XDELETEVEC (ed->e);
}

/* The edits for output I (constraint L): '=' to '+' and/or '&'.  */
static int
output_edits (struct edits *ed, const struct lit *l, int inout, int early)
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
  if (k > 1 || first[0] != l->bytes[0])
    add_edit (ed, l->raw[0], 1, first);
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
        if (!amp)
          add_edit (ed, j + 1 < l->n ? l->raw[j + 1] : l->close, 0, "&");
      }
  return 1;
}

static int
build_edits (struct edits *ed, const struct src_asm *a,
             const struct safeasm_fixes *fx)
{
  unsigned i;

  if (fx->make_volatile)
    {
      if (a->has_volatile)
        return 0;
      add_edit (ed, a->kw_end, 0, a->kw_plain ? " volatile" : " __volatile__");
    }
  /* "+" adds an operand, which renumbers the labels of an asm goto
     that refers to them by number (%l2).  */
  if (fx->inout && a->has_goto)
    for (i = 0; i + 2 < a->tmpl.n; i++)
      if (a->tmpl.bytes[i] == '%' && a->tmpl.bytes[i + 1] == 'l'
          && ISDIGIT (a->tmpl.bytes[i + 2]))
        return 0;
  for (i = 0; i < a->nops[0] && i < 64; i++)
    {
      int inout = (fx->inout >> i) & 1, early = (fx->early >> i) & 1;
      if ((inout || early)
          && !output_edits (ed, &a->ops[0][i], inout, early))
        return 0;
    }
  for (i = a->nops[0]; i < 64; i++)
    if (((fx->inout | fx->early) >> i) & 1)
      return 0;
  if (fx->n_clobbers)
    {
      struct safeasm_buf b;
      int memory = 0;

      safeasm_buf_init (&b);
      if (a->nsect == 0)
        {
          /* A basic asm becomes extended: escape what '%' means there,
             keep its implicit "memory" clobber.  */
          size_t j;
          for (j = 0; j < a->tmpl.n; j++)
            if (strchr ("%{|}", a->tmpl.bytes[j]))
              add_edit (ed, a->tmpl.raw[j], 0, "%");
          safeasm_buf_adds (&b, " : : : \"memory\"");
          memory = 1;
        }
      else if (a->nsect == 1)
        safeasm_buf_adds (&b, " : : ");
      else if (a->nsect == 2)
        safeasm_buf_adds (&b, " : ");
      else if (a->nclob)
        memory = -1;
      else
        safeasm_buf_adds (&b, " ");
      for (i = 0; i < fx->n_clobbers; i++)
        {
          if (memory > 0 && strcmp (fx->clobbers[i], "memory") == 0)
            continue;
          if (memory < 0 || i > 0 || memory > 0)
            safeasm_buf_adds (&b, ", ");
          safeasm_buf_adds (&b, "\"");
          safeasm_buf_adds (&b, fx->clobbers[i]);
          safeasm_buf_adds (&b, "\"");
        }
      if (a->nsect >= 3 && a->nclob)
        add_edit (ed, a->clob_end, 0, b.p);
      else if (a->nsect >= 3)
        add_edit (ed, a->colon[2] + 1, 0, b.p);
      else
        add_edit (ed, a->last_end, 0, b.p);
      safeasm_buf_free (&b);
    }
  return ed->n > 0;
}

/* The location of byte OFF of the source, or UNKNOWN_LOCATION if GCC
   cannot express it exactly.  ANCHOR is the statement's location.  */
static location_t
src_location (const struct src *s, size_t off, location_t anchor)
{
  unsigned k = 0, lo = 0, hi = s->nlines;
  const line_map *m;
  const line_map_ordinary *ord, *base;
  unsigned idx, used, tries;
  linenum_type line;
  unsigned col;

  while (lo < hi)
    {
      unsigned mid = (lo + hi) / 2;
      if (s->starts[mid] <= off)
        {
          k = mid;
          lo = mid + 1;
        }
      else
        hi = mid;
    }
  if (!s->nlines || off < s->starts[k])
    return UNKNOWN_LOCATION;
  line = (linenum_type) (s->first_line + (int) k);
  col = (unsigned) (off - s->starts[k] + 1);

  m = linemap_lookup (line_table, anchor);
  if (!m || !MAP_ORDINARY_P (m))
    return UNKNOWN_LOCATION;
  ord = linemap_check_ordinary (m);
  base = LINEMAPS_ORDINARY_MAP_AT (line_table, 0);
  idx = (unsigned) (ord - base);
  used = LINEMAPS_ORDINARY_USED (line_table);
  for (tries = 0; idx < used && tries < 64; idx++, tries++)
    {
      const line_map_ordinary *cand = LINEMAPS_ORDINARY_MAP_AT (line_table, idx);
      location_t l;
      expanded_location x;

      if (!LINEMAP_FILE (cand) || strcmp (LINEMAP_FILE (cand), s->file) != 0)
        continue;
      if (ORDINARY_MAP_STARTING_LINE_NUMBER (cand) > line)
        break;
      l = linemap_position_for_line_and_column (line_table, cand, line, col);
      if (linemap_location_from_macro_expansion_p (line_table, l))
        continue;
      x = expand_location (l);
      if (x.file && strcmp (x.file, s->file) == 0 && x.line == (int) line
          && x.column == (int) col)
        return l;
    }
  return UNKNOWN_LOCATION;
}

static int
edit_cmp (const void *pa, const void *pb)
{
  const struct edit *a = (const struct edit *) pa, *b = (const struct edit *) pb;
  return a->off < b->off ? -1 : a->off > b->off;
}

unsigned
safeasm_add_fixits (rich_location *richloc, gasm *stmt,
                    const struct safeasm_orig *orig,
                    const struct safeasm_fixes *fx)
{
  location_t loc = gimple_location (stmt);
  expanded_location x;
  struct src s;
  struct lexer lx;
  struct src_asm a;
  struct edits ed;
  location_t *starts = NULL, *finishes = NULL;
  unsigned i, added = 0;
  int ok;

  if (!fx->n || loc == UNKNOWN_LOCATION
      || linemap_location_from_macro_expansion_p (line_table, loc))
    return 0;
  x = expand_location (loc);
  if (!x.file || x.line <= 0 || x.column <= 0)
    return 0;

  memset (&s, 0, sizeof s);
  s.file = x.file;
  s.first_line = x.line;
  memset (&a, 0, sizeof a);
  memset (&ed, 0, sizeof ed);
  lx.s = &s;
  lx.pos = (size_t) x.column - 1;
  lx.bol = 0;
  /* The first line, with the keyword at the column of the location.  */
  ok = src_more (&s) && lx.pos + 1 < s.len
       && parse_asm (&lx, &a) && match_stmt (&a, stmt, orig)
       && build_edits (&ed, &a, fx);
  if (ok)
    {
      qsort (ed.e, ed.n, sizeof *ed.e, edit_cmp);
      starts = XNEWVEC (location_t, ed.n);
      finishes = XNEWVEC (location_t, ed.n);
      for (i = 0; i < ed.n && ok; i++)
        {
          /* Edits must not overlap or share a position.  */
          if (i > 0 && ed.e[i].off < ed.e[i - 1].off + ed.e[i - 1].len + (ed.e[i - 1].len == 0))
            ok = 0;
          starts[i] = src_location (&s, ed.e[i].off, loc);
          finishes[i] = ed.e[i].len
                        ? src_location (&s, ed.e[i].off + ed.e[i].len - 1, loc)
                        : starts[i];
          if (starts[i] == UNKNOWN_LOCATION || finishes[i] == UNKNOWN_LOCATION)
            ok = 0;
        }
    }
  if (ok)
    {
      for (i = 0; i < ed.n; i++)
        {
          if (ed.e[i].len)
            {
              source_range r;
              r.m_start = starts[i];
              r.m_finish = finishes[i];
              richloc->add_fixit_replace (r, ed.e[i].text);
            }
          else
            richloc->add_fixit_insert_before (starts[i], ed.e[i].text);
        }
      added = richloc->seen_impossible_fixit_p () ? 0 : ed.n;
    }
  XDELETEVEC (starts);
  XDELETEVEC (finishes);
  edits_free (&ed);
  src_asm_free (&a);
  src_free (&s);
  return added;
}
