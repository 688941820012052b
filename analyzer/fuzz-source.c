/* fuzz-source.c -- libFuzzer harness for the source scanner behind the
   fix-it hints (source.c; `make fuzz-source').  The plugin runs that
   scanner inside cc1 on whatever text the user's file holds at an asm
   statement's location, so it must never crash, hang or leak, and the
   edits it offers must be right.

   Input:
     byte 0      bit 0: the fixes make the statement volatile
     byte 1      column of the keyword on the first line (1 + value)
     bytes 2-9   outputs that become in-out ('=' to '+'), a bit each
     bytes 10-17 outputs that get '&'
     byte 18     number of clobbers to add (modulo 5)
     the rest    the source text, lines ended by '\n'

   Checks, beyond the sanitizers':
   - a statement that parses matches the statement the compiler would
     have seen for it (built here from what was parsed);
   - the edits are sorted, apart, and inside the text;
   - the text with the edits applied parses again, still matches itself,
     and has every fix: the volatile qualifier, '+' and '&' on those
     outputs, the clobbers.

   SAFEASM_FUZZ_DUMP=1 prints each input and what became of it.  */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "safeasm.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define HEADER 19

struct lines {
  const char *text;
  size_t len;
};

/* sa_line_fn over a buffer: line LINE is the text after the
   (LINE - 1)th newline, up to the next.  */
static int
get_line (void *ctx, int line, const char **text, size_t *len)
{
  const struct lines *l = ctx;
  const char *p = l->text, *end = l->text + l->len, *nl;

  if (line < 1)
    return 0;
  for (int k = 1; k < line; k++)
    {
      nl = memchr (p, '\n', (size_t) (end - p));
      if (!nl)
        return 0;
      p = nl + 1;
    }
  if (p == end)
    return 0;
  nl = memchr (p, '\n', (size_t) (end - p));
  *text = p;
  *len = nl ? (size_t) (nl - p) : (size_t) (end - p);
  return 1;
}

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz-source: %s\n", what);
  abort ();
}

/* The statement the front end makes of A: "+" outputs become "=" and
   an input at the end; clobbers reversed.  Pointers into A or STORE.  */
struct gstmt {
  struct sa_src_stmt g;
  const char *cons[2 * SA_SRC_MAX_OPERANDS + 1];
  char *owned[SA_SRC_MAX_OPERANDS];
  const char *clob[SA_SRC_MAX_CLOBBERS];
  unsigned nowned;
};

static int
has_nul (const struct sa_lit *l)
{
  return l->n && memchr (l->bytes, '\0', l->n) != NULL;
}

/* 0 if A has what no front end would pass on (a NUL in a literal, an
   empty output constraint, a name reference): then no match is
   expected.  */
static int
make_gstmt (struct gstmt *s, const struct sa_src_asm *a)
{
  unsigned i, nin = 0;

  memset (s, 0, sizeof *s);
  if ((a->has_goto != 0) != (a->nlab > 0))
    return 0;                   /* asm goto needs labels, labels need goto */
  if (has_nul (&a->tmpl) || (a->tmpl.n && memchr (a->tmpl.bytes, '[', a->tmpl.n)))
    return 0;
  for (unsigned k = 0; k < 2; k++)
    for (i = 0; i < a->nops[k]; i++)
      if (has_nul (&a->ops[k][i]) || (k == 0 && !a->ops[k][i].n)
          || (a->ops[k][i].n && memchr (a->ops[k][i].bytes, '[', a->ops[k][i].n)))
        return 0;
  s->g.tmpl = a->tmpl.n ? a->tmpl.bytes : "";
  s->g.basic = a->nsect == 0;
  s->g.n_labels = a->nlab;
  for (i = 0; i < a->nops[0]; i++)
    {
      const char *c = a->ops[0][i].bytes;
      if (c[0] == '+')
        {
          size_t n = strlen (c);
          char *e = malloc (n + 1);
          if (!e)
            return 0;
          memcpy (e, c, n + 1);
          e[0] = '=';
          s->owned[s->nowned++] = e;
          c = e;
        }
      s->cons[i] = c;
    }
  for (i = 0; i < a->nops[1]; i++)
    s->cons[a->nops[0] + nin++] = a->ops[1][i].n ? a->ops[1][i].bytes : "";
  for (i = 0; i < a->nops[0]; i++)
    if (a->ops[0][i].bytes[0] == '+')
      s->cons[a->nops[0] + nin++] = "0";
  s->g.constraints = s->cons;
  s->g.n_outputs = a->nops[0];
  s->g.n_inputs = nin;
  for (i = 0; i < a->nclob; i++)
    s->clob[a->nclob - 1 - i] = a->clob[i];
  s->g.clobbers = s->clob;
  s->g.n_clobbers = a->nclob;
  return 1;
}

static void
free_gstmt (struct gstmt *s)
{
  for (unsigned i = 0; i < s->nowned; i++)
    free (s->owned[i]);
}

static int
has_clobber (const struct sa_src_asm *a, const char *name)
{
  for (unsigned i = 0; i < a->nclob; i++)
    if (strcmp (a->clob[i], name) == 0)
      return 1;
  return 0;
}

static int
has_amp (const struct sa_lit *l)
{
  /* '&' in every alternative.  */
  int amp = 0;
  for (size_t j = 0; j <= l->n; j++)
    {
      if (j == l->n || l->bytes[j] == ',')
        {
          if (!amp)
            return 0;
          amp = 0;
        }
      else if (l->bytes[j] == '&')
        amp = 1;
    }
  return 1;
}

static const char *const fix_clobbers[] = { "rbx", "memory", "cc", "xmm0" };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct sa_src s, s2;
  struct sa_src_asm a, a2;
  struct sa_src_fixes fx;
  struct sa_edits ed;
  struct gstmt g;
  struct lines text, text2;
  size_t column;
  int dump = getenv ("SAFEASM_FUZZ_DUMP") != NULL;

  if (size < HEADER || size > 65536)
    return 0;
  memset (&fx, 0, sizeof fx);
  fx.make_volatile = data[0] & 1;
  column = 1 + (size_t) data[1];
  for (int i = 0; i < 8; i++)
    {
      fx.inout |= (unsigned long long) data[2 + i] << (8 * i);
      fx.early |= (unsigned long long) data[10 + i] << (8 * i);
    }
  fx.clobbers = fix_clobbers;
  fx.n_clobbers = data[18] % 5;
  text.text = (const char *) data + HEADER;
  text.len = size - HEADER;
  if (dump)
    fprintf (stderr, "column %zu volatile %d inout %#llx early %#llx clobbers %u\n%.*s\n",
             column, fx.make_volatile, fx.inout, fx.early, fx.n_clobbers,
             (int) text.len, text.text);

  sa_src_init (&s, get_line, &text, 1);
  if (!sa_src_parse (&s, column, &a))
    {
      sa_src_asm_free (&a);
      sa_src_free (&s);
      return 0;
    }
  if (make_gstmt (&g, &a) && !sa_src_matches (&a, &g.g))
    fail ("a parsed statement does not match itself");
  free_gstmt (&g);
  /* Fixes for outputs it has (others make the edits fail, rightly).  */
  if (a.nops[0] < 64)
    {
      fx.inout &= (1ull << a.nops[0]) - 1;
      fx.early &= (1ull << a.nops[0]) - 1;
    }

  if (sa_src_edits (&ed, &a, &fx) > 0)
    {
      char *out;
      size_t n = 0, prev = 0;

      for (unsigned i = 0; i < ed.n; i++)
        {
          int line;
          unsigned col;
          if (ed.e[i].off + ed.e[i].len > s.len
              || (i && ed.e[i].off < ed.e[i - 1].off + ed.e[i - 1].len + !ed.e[i - 1].len)
              || !sa_src_position (&s, ed.e[i].off, &line, &col))
            fail ("edits out of order, overlapping or outside the text");
          n += strlen (ed.e[i].text);
        }
      /* The text read so far with the edits applied.  */
      out = malloc (s.len + n + 1);
      if (!out)
        abort ();
      n = 0;
      for (unsigned i = 0; i < ed.n; i++)
        {
          memcpy (out + n, s.text + prev, ed.e[i].off - prev);
          n += ed.e[i].off - prev;
          memcpy (out + n, ed.e[i].text, strlen (ed.e[i].text));
          n += strlen (ed.e[i].text);
          prev = ed.e[i].off + ed.e[i].len;
        }
      memcpy (out + n, s.text + prev, s.len - prev);
      n += s.len - prev;
      if (dump)
        fprintf (stderr, "edited:\n%.*s\n", (int) n, out);
      text2.text = out;
      text2.len = n;
      sa_src_init (&s2, get_line, &text2, 1);
      if (!sa_src_parse (&s2, column, &a2))
        fail ("the edited statement does not parse");
      if (fx.make_volatile && !a2.has_volatile)
        fail ("the edited statement is not volatile");
      if (a2.nops[0] != a.nops[0] || a2.nops[1] != a.nops[1] || a2.nlab != a.nlab)
        fail ("the edited statement has other operands or labels");
      for (unsigned i = 0; i < a.nops[0] && i < 64; i++)
        {
          const struct sa_lit *l = &a2.ops[0][i];
          if ((fx.inout >> i & 1) && l->bytes[0] != '+')
            fail ("an output did not become in-out");
          if ((fx.early >> i & 1) && !has_amp (l))
            fail ("an output did not get '&' in every alternative");
        }
      for (unsigned i = 0; i < fx.n_clobbers; i++)
        if (!has_clobber (&a2, fx.clobbers[i])
            && !(a.nsect == 0 && strcmp (fx.clobbers[i], "memory") == 0
                 && has_clobber (&a2, "memory")))
          fail ("a clobber is missing from the edited statement");
      if (a.nsect == 0 && fx.n_clobbers && !has_clobber (&a2, "memory"))
        fail ("a basic asm made extended lost its memory clobber");
      if (make_gstmt (&g, &a2) && !sa_src_matches (&a2, &g.g))
        fail ("the edited statement does not match itself");
      free_gstmt (&g);
      sa_src_asm_free (&a2);
      sa_src_free (&s2);
      free (out);
      sa_edits_free (&ed);
    }
  sa_src_asm_free (&a);
  sa_src_free (&s);
  return 0;
}
