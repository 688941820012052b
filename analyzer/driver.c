/* driver.c -- safeasm-check: analyse one asm statement given on the
   command line, or a table of cases (--batch) for the test suite; list
   the instruction database (--list) and the reason codes (--codes).  */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "safeasm.h"
#include "x86db.h"

#define MAXOPS 128              /* beyond the analyzer's limit, to test it */
#define MAXCLOB 64

struct stmt {
  struct sa_asm a;
  struct sa_operand out[MAXOPS], in[MAXOPS];
  const char *clob[MAXCLOB];
  const char *labels[MAXCLOB];
  char store[8192];             /* strings the operands point into */
  int explain;                  /* print the summary of an accepted statement */
  size_t used;
};

static char *
keep (struct stmt *s, const char *p, size_t n)
{
  char *d;
  if (s->used + n + 1 > sizeof s->store)
    return NULL;
  d = s->store + s->used;
  memcpy (d, p, n);
  d[n] = 0;
  s->used += n + 1;
  return d;
}

static enum sa_kind
kind_of (const char *k)
{
  if (!strcmp (k, "ptr")) return SA_KIND_PTR;
  if (!strcmp (k, "float")) return SA_KIND_FLOAT;
  if (!strcmp (k, "vec")) return SA_KIND_VECTOR;
  if (!strcmp (k, "other")) return SA_KIND_OTHER;
  return SA_KIND_INT;
}

/* [name]CONSTRAINT[:SIZE[:KIND]][$CONST][#VALUE][^V,V...][@REG]; SIZE defaults
   to 4, KIND to int.  $CONST: an input whose value is that constant.
   #VALUE is the value identity (operands with the
   same VALUE hold equal values), ^V,... the values an address uses.  An
   '@' right after '=', '+' or '&' belongs to a flag output ("=@ccz"). */
static int
parse_opspec (struct stmt *s, const char *spec, struct sa_operand *o)
{
  const char *p = spec, *at = NULL, *colon, *end;
  memset (o, 0, sizeof *o);
  o->size = 4;
  o->kind = SA_KIND_INT;
  if (*p == '[')
    {
      const char *e = strchr (p, ']');
      if (!e)
        return -1;
      o->name = keep (s, p + 1, (size_t) (e - p - 1));
      p = e + 1;
    }
  for (const char *q = p; *q; q++)
    if (*q == '@' && (q == p || !strchr ("=+&", q[-1])))
      {
        at = q;
        break;
      }
  end = at ? at : p + strlen (p);
  for (const char *q = p; q < end; q++)
    if (*q == '^')
      {
        for (const char *r = q + 1; r < end;)
          {
            char *e;
            unsigned long v = strtoul (r, &e, 10);
            if (e == r || v == 0 || v > 63)
              return -1;
            o->addr_uses |= 1ULL << v;
            r = *e == ',' ? e + 1 : e;
            if (*e != ',' && e < end && *e != '#' && *e != '@')
              return -1;
            if (*e == '#' || *e == '@' || *e == 0)
              break;
          }
        end = q < end ? q : end;
        break;
      }
  {
    /* $VALUE after the size: an input whose value is a known constant.  */
    const char *d = memchr (p, '$', (size_t) (end - p));
    if (d && memchr (p, ':', (size_t) (d - p)))
      {
        char *e;
        o->const_value = strtoll (d + 1, &e, 0);
        if (e == d + 1)
          return -1;
        o->has_const = 1;
        end = d;
      }
  }
  {
    const char *h = memchr (p, '#', (size_t) (end - p));
    /* '#' inside a constraint is GCC's "ignore for preferencing"; a
       value identity follows the size/kind, so look after a ':'.  */
    if (h && memchr (p, ':', (size_t) (h - p)))
      {
        o->value = atoi (h + 1);
        end = h;
      }
  }
  colon = memchr (p, ':', (size_t) (end - p));
  o->constraint = keep (s, p, (size_t) ((colon ? colon : end) - p));
  if (colon)
    {
      char tmp[32];
      const char *k;
      snprintf (tmp, sizeof tmp, "%.*s", (int) (end - colon - 1), colon + 1);
      o->size = (unsigned) strtoul (tmp, NULL, 10);
      k = strchr (tmp, ':');
      if (k)
        o->kind = kind_of (k + 1);
    }
  if (at)
    o->reg = keep (s, at + 1, strlen (at + 1));
  return o->constraint ? 0 : -1;
}

static void
print_result (const struct sa_result *r)
{
  printf ("%s\n", r->verdict == SA_ACCEPT ? "accept" : r->verdict == SA_REJECT ? "reject"
                                                                               : "unchecked");
  for (unsigned i = 0; i < r->n_reasons; i++)
    printf ("  [%s] %s\n", sa_code_name (r->reasons[i].code), r->reasons[i].message);
  for (unsigned i = 0; i < r->n_notes; i++)
    printf ("  note [%s] %s\n", sa_code_name (r->notes[i].code), r->notes[i].message);
}

static int
qualifier (struct stmt *s, const char *w)
{
  if (!strcmp (w, "volatile")) s->a.is_volatile = 1;
  else if (!strcmp (w, "goto")) s->a.is_goto = 1;
  else if (!strcmp (w, "inline")) s->a.is_inline = 1;
  else if (!strcmp (w, "basic")) s->a.basic = 1;
  else if (!strcmp (w, "intel")) s->a.dialect = SA_DIALECT_INTEL;
  else if (!strcmp (w, "strict")) s->a.policy = SA_POLICY_STRICT;
  else if (!strcmp (w, "no-red-zone")) s->a.no_red_zone = 1;
  else if (!strcmp (w, "frame-pointer")) s->a.frame_pointer = 1;
  else if (!strcmp (w, "explain")) s->explain = 1;
  else if (!strncmp (w, "label=", 6) && s->a.n_labels < MAXCLOB)
    s->labels[s->a.n_labels++] = keep (s, w + 6, strlen (w + 6));
  else
    return -1;
  return 0;
}

static void
stmt_init (struct stmt *s)
{
  memset (s, 0, sizeof *s);
  s->a.outputs = s->out;
  s->a.inputs = s->in;
  s->a.clobbers = s->clob;
  s->a.labels = s->labels;
  s->a.policy = SA_POLICY_CONTRACT;
}

/* ---- batch mode ---- */

/* Split LINE at unescaped '|' into at most N fields, unescaping
   \n \t \\ \| and \xHH.  */
static int
split_fields (char *line, char **f, int n)
{
  int k = 0;
  char *w = line, *r = line;
  f[k++] = w;
  while (*r)
    {
      if (r[0] == '\\' && r[1] == 'x' && isxdigit ((unsigned char) r[2])
          && isxdigit ((unsigned char) r[3]))
        {
          char hex[3] = { r[2], r[3], 0 };
          *w++ = (char) strtol (hex, NULL, 16);
          r += 4;
          continue;
        }
      if (*r == '\\' && r[1])
        {
          char c = r[1];
          *w++ = c == 'n' ? '\n' : c == 't' ? '\t' : c;
          r += 2;
          continue;
        }
      if (*r == '|')
        {
          *w++ = 0;
          r++;
          if (k == n)
            return -1;
          f[k++] = w;
          continue;
        }
      *w++ = *r++;
    }
  *w = 0;
  return k;
}

static char *
trim (char *s)
{
  char *e;
  while (*s == ' ' || *s == '\t')
    s++;
  e = s + strlen (s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
    *--e = 0;
  return s;
}

static int
each_word (struct stmt *s, char *list, int which)
{
  for (char *w = strtok (list, " \t"); w; w = strtok (NULL, " \t"))
    {
      if (which == 0 || which == 1)
        {
          unsigned *n = which == 0 ? &s->a.n_outputs : &s->a.n_inputs;
          struct sa_operand *arr = which == 0 ? s->out : s->in;
          if (*n >= MAXOPS || parse_opspec (s, w, &arr[*n]) < 0)
            return -1;
          (*n)++;
        }
      else if (which == 2)
        {
          if (s->a.n_clobbers >= MAXCLOB)
            return -1;
          s->clob[s->a.n_clobbers++] = keep (s, w, strlen (w));
        }
      else if (qualifier (s, w) < 0)
        return -1;
    }
  return 0;
}

static int
batch (const char *file)
{
  FILE *fp = fopen (file, "r");
  char line[8192];
  unsigned lineno = 0, failed = 0;
  static struct stmt s;

  if (!fp)
    {
      perror (file);
      return 2;
    }
  while (fgets (line, sizeof line, fp))
    {
      char *f[6], *expect, *t;
      char got[128];
      struct sa_result r;
      int nf, ok;

      lineno++;
      t = trim (line);
      if (!*t || *t == '#')
        continue;
      nf = split_fields (t, f, 6);
      stmt_init (&s);
      if (nf < 2)
        {
          printf ("FAIL: %s:%u: malformed case\n", file, lineno);
          failed++;
          continue;
        }
      expect = trim (f[0]);
      s.a.tmpl = keep (&s, f[1], strlen (f[1]));
      {
        /* Only the template keeps its leading/trailing blanks.  */
        char *fs[4] = { NULL, NULL, NULL, NULL };
        for (int i = 2; i < nf; i++)
          fs[i - 2] = trim (f[i]);
        ok = 1;
        for (int i = 0; i < 4; i++)
          if (fs[i] && each_word (&s, fs[i], i) < 0)
            ok = 0;
      }
      if (!ok || !s.a.tmpl)
        {
          printf ("FAIL: %s:%u: malformed case\n", file, lineno);
          failed++;
          continue;
        }
      sa_analyze (&s.a, &r);
      if (r.verdict == SA_ACCEPT)
        snprintf (got, sizeof got, "accept");
      else if (r.verdict == SA_UNCHECKED)
        snprintf (got, sizeof got, "unchecked");
      else
        snprintf (got, sizeof got, "reject:%s", sa_code_name (r.reasons[0].code));
      if (!strncmp (expect, "reject:", 7) && r.verdict == SA_REJECT)
        {
          ok = 0;
          for (unsigned i = 0; i < r.n_reasons; i++)
            if (!strcmp (expect + 7, sa_code_name (r.reasons[i].code)))
              ok = 1;
        }
      else
        ok = strcmp (expect, got) == 0;
      /* Print the template on one line.  */
      for (char *c = f[1]; *c; c++)
        if (*c == '\n')
          *c = ';';
      if (ok)
        printf ("PASS: %s:%u: %s\n", file, lineno, f[1]);
      else
        {
          printf ("FAIL: %s:%u: %s: expected %s, got %s", file, lineno, f[1], expect, got);
          for (unsigned i = 0; i < r.n_reasons; i++)
            printf (" [%s] %s;", sa_code_name (r.reasons[i].code), r.reasons[i].message);
          printf ("\n");
          failed++;
        }
    }
  fclose (fp);
  return failed ? 1 : 0;
}

/* ---- listings ---- */

/* The listings go by mnemonic (alphabetical; the forms of one mnemonic
   in table order), whatever order x86db-table.c keeps them in.  */
static int
cmp_listed (const void *a, const void *b)
{
  size_t x = *(const size_t *) a, y = *(const size_t *) b;
  int c = strcmp (x86_mnemonic (&x86db_forms[x]), x86_mnemonic (&x86db_forms[y]));
  return c ? c : (x > y) - (x < y);
}

static size_t *
listing_order (void)
{
  size_t *order = malloc (x86db_nforms * sizeof *order);
  if (!order)
    {
      fputs ("safeasm-check: out of memory\n", stderr);
      exit (1);
    }
  for (size_t i = 0; i < x86db_nforms; i++)
    order[i] = i;
  qsort (order, x86db_nforms, sizeof *order, cmp_listed);
  return order;
}

static const char *const class_names[] = { "safe", "nondet", "stack", "flow", "system",
                                           "priv", "reject" };
static const char *const flow_names[] = { "-", "jcc", "jmp", "call", "ret", "trap", "syscall" };

static const char *
class_name (unsigned c)
{
  return c < sizeof class_names / sizeof class_names[0] ? class_names[c] : "?";
}

static void
sfx_string (unsigned sfx, char *out)
{
  int n = 0;
  if (sfx & X86_SFX_B) out[n++] = 'b';
  if (sfx & X86_SFX_W) out[n++] = 'w';
  if (sfx & X86_SFX_L) out[n++] = 'l';
  if (sfx & X86_SFX_Q) out[n++] = 'q';
  if (!n) out[n++] = '-';
  out[n] = 0;
}

/* Operand kinds as the table letters.  */
static void
kinds_string (unsigned k, char *out)
{
  static const char letters[] = "RMIXYZKPCALSG";
  int n = 0;
  for (int b = 0; letters[b]; b++)
    if (k & (1u << b))
      out[n++] = letters[b];
  out[n] = 0;
}

/* Access bits: r w c (conditional) m (memory through the register)
   z (zero-extending write) s (soft read).  */
static void
access_string (unsigned a, char *out)
{
  int n = 0;
  if (a & X86_A_R) out[n++] = 'r';
  if (a & X86_A_W) out[n++] = 'w';
  if (a & X86_A_COND) out[n++] = 'c';
  if (a & X86_A_MEM) out[n++] = 'm';
  if (a & X86_A_ZX) out[n++] = 'z';
  if (a & X86_A_SOFT) out[n++] = 's';
  if (!n) out[n++] = 'n';
  out[n] = 0;
}

static void
flags_string (unsigned f, char *out)
{
  static const char letters[] = "CPAZSOD";   /* x86db bit order */
  int n = 0;
  for (int b = 0; letters[b]; b++)
    if (f & (1u << b))
      out[n++] = letters[b];
  if (!n) out[n++] = '-';
  out[n] = 0;
}

/* The operands in table syntax: "r:RMI,rw:RM"; "-" if none.  */
static void
ops_string (const struct x86_form *f, char *out, size_t len)
{
  size_t n = 0;
  out[0] = 0;
  for (unsigned j = 0; j < f->nops && n < len; j++)
    {
      const struct x86_opspec *o = &f->ops[j];
      char a[8], k[16];
      access_string (o->access & (X86_A_R | X86_A_W | X86_A_COND), a);
      if (!strcmp (a, "wc"))
        strcpy (a, "cw");
      kinds_string (o->kinds, k);
      n += (size_t) snprintf (out + n, len - n, "%s%s:%s", j ? "," : "", a, k);
      if (o->width && n < len)
        n += (size_t) snprintf (out + n, len - n, "/%u", o->width);
    }
  if (!f->nops)
    snprintf (out, len, "-");
}

/* --list: one line per form, the table's own syntax.  */
static void
list_db (void)
{
  size_t *order = listing_order ();
  for (size_t k = 0; k < x86db_nforms; k++)
    {
      const struct x86_form *f = &x86db_forms[order[k]];
      char sfx[8], ops[256];
      sfx_string (f->suffixes, sfx);
      ops_string (f, ops, sizeof ops);
      printf ("%-14s %-5s %-24s class=%s%s%s%s%s%s%s\n", x86_mnemonic (f), sfx, ops,
              class_name (f->cls), *x86_feature (f) ? " feat=" : "", x86_feature (f),
              *x86_evex_feature (f) ? " evex=" : "", x86_evex_feature (f),
              *x86_why (f) ? " why=" : "", x86_why (f));
    }
  free (order);
}

static void
print_quoted (const char *key, const char *s)
{
  printf (" %s=\"", key);
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        putchar ('\\');
      putchar (*s == '\n' || *s == '\t' ? ' ' : *s);
    }
  putchar ('"');
}

/* --list=full: every field of every form, for programs (the
   testsuite/x86db generators).  One line per form, in the order of
   --list:
     INDEX MNEMONIC sfx= ops= imp= fr= fw= fu= f0= attr= flow= stack= x87=
     class= feat= evex= bcst= group="..." why="..."
   INDEX is the form's index (sa_identify, --identify).  ops= lists
   ACCESS:KINDS/WIDTH per operand, imp= ACCESS:REG/WIDTH per implicit
   register, REG the whole register's name; WIDTH 0 is the operation
   size.  ACCESS letters: r read, w written, c conditionally written,
   m memory through the register, z zero-extending write, s soft read,
   n none.  Flags: letters C P A Z S O D.  Empty fields are "-".  */
static void
list_full (void)
{
  static const char *const attrs[] = { "zero", "ones", "undef0", "string", "repe", "lock",
                                       "move", "xchg", "vex", "rep", "evex", "er", "sae" };
  size_t *order = listing_order ();
  for (size_t k = 0; k < x86db_nforms; k++)
    {
      size_t i = order[k];
      const struct x86_form *f = &x86db_forms[i];
      char buf[64];
      int n;
      sfx_string (f->suffixes, buf);
      printf ("%zu %s sfx=%s ops=", i, x86_mnemonic (f), buf);
      for (unsigned j = 0; j < f->nops; j++)
        {
          char a[8], k[16];
          access_string (f->ops[j].access, a);
          kinds_string (f->ops[j].kinds, k);
          printf ("%s%s:%s/%u", j ? "," : "", a, k, f->ops[j].width);
          if (f->ops[j].reg)    /* =REG: that register only (rAX: sized by the operation) */
            printf ("=%s", f->ops[j].width ? x86_reg_name (f->ops[j].reg, f->ops[j].width)
                                           : x86_reg_name (f->ops[j].reg, 8));
        }
      if (!f->nops)
        printf ("-");
      printf (" imp=");
      for (unsigned j = 0; j < f->nimp; j++)
        {
          char a[8];
          access_string (x86_imp (f)[j].access, a);
          /* ah..bh: byte 1 of rax..rbx */
          static const char *const high[] = { "ah", "ch", "dh", "bh" };
          const struct x86_implicit *im = &x86_imp (f)[j];
          int hi = im->offset == 1 && im->reg >= X86_RAX && im->reg <= X86_RBX;
          printf ("%s%s:%s", j ? "," : "", a,
                  hi ? high[im->reg - X86_RAX] : x86_reg_name (im->reg, 0));
          if (im->offset && !hi)  /* REG+N: bytes N on (vzeroupper) */
            printf ("+%u", im->offset);
          printf ("/%u", im->width);
        }
      if (!f->nimp)
        printf ("-");
      flags_string (f->flags_read, buf);
      printf (" fr=%s", buf);
      flags_string (f->flags_written, buf);
      printf (" fw=%s", buf);
      flags_string (f->flags_undef, buf);
      printf (" fu=%s", buf);
      flags_string (f->flags_zero, buf);
      printf (" f0=%s attr=", buf);
      n = 0;
      for (unsigned b = 0; b < sizeof attrs / sizeof attrs[0]; b++)
        if (f->attrs & (1u << b))
          printf ("%s%s", n++ ? "," : "", attrs[b]);
      if (!n)
        printf ("-");
      printf (" flow=%s stack=%d x87=%d class=%s feat=%s evex=%s bcst=%u",
              f->flow < sizeof flow_names / sizeof flow_names[0] ? flow_names[f->flow] : "?",
              f->stack, f->x87, class_name (f->cls), *x86_feature (f) ? x86_feature (f) : "-",
              *x86_evex_feature (f) ? x86_evex_feature (f) : "-", f->bcst);
      print_quoted ("group", x86_group (f));
      print_quoted ("why", x86_why (f));
      putchar ('\n');
    }
  free (order);
}

/* --identify: one AT&T instruction per line on stdin (basic asm
   syntax); prints "INDEX OPSIZE MNEMONIC" of the form the analyzer
   matches, or "- REASON".  */
static int
identify_lines (void)
{
  char line[1024], msg[SA_MSG_LEN];
  while (fgets (line, sizeof line, stdin))
    {
      unsigned opsize;
      char *t = trim (line);
      long idx;
      if (!*t)
        {
          printf ("- empty line\n");
          continue;
        }
      idx = sa_identify (t, &opsize, msg, sizeof msg);
      if (idx < 0)
        printf ("- %s\n", msg);
      else
        printf ("%ld %u %s\n", idx, opsize, x86_mnemonic (&x86db_forms[idx]));
    }
  return 0;
}

static void
list_codes (void)
{
  for (int c = 1; c < SA_CODE_COUNT; c++)
    printf ("%-16s %s\n", sa_code_name ((enum sa_code) c), sa_code_summary ((enum sa_code) c));
}

static void
usage (FILE *f)
{
  fputs ("usage: safeasm-check [OPTION]... TEMPLATE\n"
         "       safeasm-check --batch FILE\n"
         "       safeasm-check --list | --list=full | --codes\n"
         "       safeasm-check --identify < INSTRUCTIONS\n"
         "Analyse one inline asm statement as the safeasm GCC plugin would.\n\n"
         "  -o SPEC      add an output operand: [name]CONSTRAINT[:SIZE[:KIND]][$C][#V][^V,...][@REG]\n"
         "               (SIZE in bytes, default 4; KIND int ptr float vec other;\n"
         "               $C: an input whose value is the constant C;\n"
         "               #V: operands with the same V hold equal values; ^V,...: the\n"
         "               values a memory operand's address uses, as for \"m\" (*p)\n"
         "               with \"+r\" (p); @REG makes it a register variable, =r:8@r10)\n"
         "  -i SPEC      add an input operand, same form\n"
         "  -c NAME      add a clobber\n"
         "  -l NAME      add an asm goto label\n"
         "  --volatile, --goto, --inline, --basic (basic asm), --intel (-masm=intel),\n"
         "  --strict (policy=strict), --no-red-zone (-mno-red-zone),\n"
         "  --frame-pointer (the function keeps %rbp as frame pointer),\n"
         "  --explain (print the effect summary of an accepted statement)\n"
         "  --batch FILE check a table of cases; see testsuite/analyzer/*.tbl\n"
         "  --list       print the instruction database, one line per form\n"
         "  --list=full  ... with every field, for programs (see driver.c)\n"
         "  --identify   read AT&T instructions (basic asm syntax), one a line, and\n"
         "               print the index, operation size and mnemonic of the form\n"
         "               each matches (\"- REASON\" if none)\n"
         "  --codes      print the reason codes\n"
         "Template escapes: \\n \\t \\\\.  Exit status: 0 accept, 1 reject, 2 usage.\n", f);
}

int
main (int argc, char **argv)
{
  static struct stmt s;
  struct sa_result r;
  const char *tmpl = NULL;

  stmt_init (&s);
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];
      if (!strcmp (a, "--help"))
        {
          usage (stdout);
          return 0;
        }
      if (!strcmp (a, "--list"))
        {
          list_db ();
          return 0;
        }
      if (!strcmp (a, "--list=full"))
        {
          list_full ();
          return 0;
        }
      if (!strcmp (a, "--identify"))
        return identify_lines ();
      if (!strcmp (a, "--codes"))
        {
          list_codes ();
          return 0;
        }
      if (!strcmp (a, "--batch") && i + 1 < argc)
        return batch (argv[i + 1]);
      if ((!strcmp (a, "-o") || !strcmp (a, "-i")) && i + 1 < argc)
        {
          unsigned *n = a[1] == 'o' ? &s.a.n_outputs : &s.a.n_inputs;
          struct sa_operand *arr = a[1] == 'o' ? s.out : s.in;
          if (*n >= MAXOPS || parse_opspec (&s, argv[++i], &arr[*n]) < 0)
            {
              fprintf (stderr, "safeasm-check: bad operand `%s'\n", argv[i]);
              return 2;
            }
          (*n)++;
          continue;
        }
      if (!strcmp (a, "-c") && i + 1 < argc && s.a.n_clobbers < MAXCLOB)
        {
          s.clob[s.a.n_clobbers++] = argv[++i];
          continue;
        }
      if (!strcmp (a, "-l") && i + 1 < argc && s.a.n_labels < MAXCLOB)
        {
          s.labels[s.a.n_labels++] = argv[++i];
          continue;
        }
      if (!strncmp (a, "--", 2) && qualifier (&s, a + 2) == 0)
        continue;
      if (a[0] == '-' && a[1])
        {
          fprintf (stderr, "safeasm-check: unknown option `%s'\n", a);
          usage (stderr);
          return 2;
        }
      if (tmpl)
        {
          usage (stderr);
          return 2;
        }
      tmpl = a;
    }
  if (!tmpl)
    {
      usage (stderr);
      return 2;
    }
  {
    /* Unescape \n and \t so shells need no $'...'.  */
    char *t = keep (&s, tmpl, strlen (tmpl));
    char *w = t;
    if (!t)
      return 2;
    for (const char *p = t; *p; p++)
      {
        if (*p == '\\' && (p[1] == 'n' || p[1] == 't' || p[1] == '\\'))
          {
            p++;
            *w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : '\\';
          }
        else
          *w++ = *p;
      }
    *w = 0;
    s.a.tmpl = t;
  }
  sa_analyze (&s.a, &r);
  print_result (&r);
  if (s.explain && r.verdict == SA_ACCEPT)
    printf ("  summary: %s\n", r.summary);
  return r.verdict == SA_ACCEPT ? 0 : 1;
}
