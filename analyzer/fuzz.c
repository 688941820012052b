/* fuzz.c -- libFuzzer harness for sa_analyze (`make fuzz').

   The input is decoded into a struct sa_asm; sa_analyze runs on it
   (twice: the analyzer has no global state, so both results must be the
   same) and the result must satisfy simple invariants, else the harness
   aborts.  Reading past the end of the input gives zero bytes and empty
   strings, so every input decodes.

   Input format (scripts/fuzz-seeds.py writes it from the test tables):

     byte 0   qualifiers: bit 0 volatile, 1 goto, 2 basic, 3 intel
              dialect, 4 strict policy, 5 no_red_zone, 6 frame_pointer,
              7 inline
     byte 1   low nibble: number of outputs, high nibble: of inputs
     byte 2   low nibble: number of clobbers, high nibble: of labels
     TEMPLATE\0
     per operand, outputs first:
       byte   size in bytes (0: unknown)
       byte   bits 0-2 kind (modulo 5: int ptr float vector other),
              bit 5 a name follows, bit 6 a register follows,
              bit 7 a constant follows
       byte   value identity (modulo 64)
       8      addr_uses, little-endian (bit 0 ignored)
       [8     the constant, little-endian, when bit 7]
       CONSTRAINT\0 [NAME\0] [REG\0]
     CLOBBER\0 ... LABEL\0 ...

   SAFEASM_FUZZ_DUMP=1 in the environment prints each decoded statement
   and its result to stderr (for reproducing a crash:
   SAFEASM_FUZZ_DUMP=1 ./safeasm-fuzz CRASH-FILE).  */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "safeasm.h"

#define FUZZ_MAXOPS 15
#define FUZZ_MAXLIST 15
#define FUZZ_MAXINPUT 65536

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

struct reader {
  const char *p, *end;          /* END points at a NUL after the data */
};

static unsigned
get_byte (struct reader *r)
{
  return r->p < r->end ? (unsigned char) *r->p++ : 0;
}

static unsigned long long
get_u64 (struct reader *r)
{
  unsigned long long v = 0;
  for (int i = 0; i < 8; i++)
    v |= (unsigned long long) get_byte (r) << (8 * i);
  return v;
}

/* The NUL-terminated string at the reader (the data has a NUL after
   its end, so this is a string even when the input stops inside it).  */
static const char *
get_string (struct reader *r)
{
  const char *s = r->p;
  if (r->p >= r->end)
    return r->end;
  r->p += strlen (r->p);
  if (r->p < r->end)
    r->p++;
  return s;
}

static void
fail (const char *what, unsigned i)
{
  fprintf (stderr, "safeasm-fuzz: invariant broken: %s (%u)\n", what, i);
  abort ();
}

static int
terminated (const char *s, size_t n)
{
  return memchr (s, 0, n) != NULL;
}

static void
check_reason (const struct sa_reason *x, int note, unsigned i)
{
  if (!terminated (x->message, sizeof x->message))
    fail ("message not NUL-terminated", i);
  if (!terminated (x->insn, sizeof x->insn))
    fail ("insn not NUL-terminated", i);
  if (!terminated (x->fix_reg, sizeof x->fix_reg))
    fail ("fix_reg not NUL-terminated", i);
  if ((int) x->code <= SA_NOTE_NONE || x->code >= SA_CODE_COUNT)
    fail ("code out of range", (unsigned) x->code);
  if (!sa_code_name (x->code))
    fail ("code without a name", (unsigned) x->code);
  if (!!sa_code_is_note (x->code) != note)
    fail (note ? "a reason among the notes" : "a note among the reasons", (unsigned) x->code);
  if ((int) x->fix < SA_FIX_NONE || x->fix > SA_FIX_VOLATILE)
    fail ("fix out of range", (unsigned) x->fix);
}

static void
check_result (const struct sa_result *r)
{
  if (r->verdict != SA_ACCEPT && r->verdict != SA_REJECT && r->verdict != SA_UNCHECKED)
    fail ("verdict out of range", (unsigned) r->verdict);
  if ((r->verdict == SA_ACCEPT) != (r->n_reasons == 0))
    fail ("verdict is ACCEPT but n_reasons != 0, or the reverse", r->n_reasons);
  if (r->n_reasons > SA_MAX_REASONS)
    fail ("n_reasons > SA_MAX_REASONS", r->n_reasons);
  if (r->n_notes > SA_MAX_REASONS)
    fail ("n_notes > SA_MAX_REASONS", r->n_notes);
  for (unsigned i = 0; i < r->n_reasons; i++)
    check_reason (&r->reasons[i], 0, i);
  for (unsigned i = 0; i < r->n_notes; i++)
    check_reason (&r->notes[i], 1, i);
  if (!terminated (r->summary, sizeof r->summary))
    fail ("summary not NUL-terminated", 0);
}

static int
same_reasons (const struct sa_reason *a, const struct sa_reason *b, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    if (a[i].code != b[i].code || a[i].fix != b[i].fix || a[i].fix_op != b[i].fix_op
        || a[i].line != b[i].line || strcmp (a[i].message, b[i].message)
        || strcmp (a[i].insn, b[i].insn) || strcmp (a[i].fix_reg, b[i].fix_reg))
      return 0;
  return 1;
}

static void
dump_operand (const char *what, unsigned i, const struct sa_operand *o)
{
  static const char *const kinds[] = { "int", "ptr", "float", "vector", "other" };
  fprintf (stderr, "  %s %u: constraint \"%s\" size %u kind %s value %d addr_uses %#llx",
           what, i, o->constraint, o->size, kinds[o->kind], o->value, o->addr_uses);
  if (o->name)
    fprintf (stderr, " name \"%s\"", o->name);
  if (o->reg)
    fprintf (stderr, " reg \"%s\"", o->reg);
  if (o->has_const)
    fprintf (stderr, " const %lld", o->const_value);
  fprintf (stderr, "\n");
}

static void
dump (const struct sa_asm *a, const struct sa_result *r)
{
  fprintf (stderr, "sa_asm: basic %d volatile %d goto %d inline %d dialect %s policy %s "
           "no_red_zone %d frame_pointer %d\n  template \"",
           a->basic, a->is_volatile, a->is_goto, a->is_inline,
           a->dialect == SA_DIALECT_INTEL ? "intel" : "att",
           a->policy == SA_POLICY_STRICT ? "strict" : "contract", a->no_red_zone,
           a->frame_pointer);
  for (const char *c = a->tmpl; *c; c++)
    if (*c == '\n')
      fputs ("\\n", stderr);
    else if (*c == '"' || *c == '\\')
      fprintf (stderr, "\\%c", *c);
    else if ((unsigned char) *c < 32 || (unsigned char) *c >= 127)
      fprintf (stderr, "\\x%02x", (unsigned char) *c);
    else
      fputc (*c, stderr);
  fputs ("\"\n", stderr);
  for (unsigned i = 0; i < a->n_outputs; i++)
    dump_operand ("output", i, &a->outputs[i]);
  for (unsigned i = 0; i < a->n_inputs; i++)
    dump_operand ("input", i, &a->inputs[i]);
  for (unsigned i = 0; i < a->n_clobbers; i++)
    fprintf (stderr, "  clobber \"%s\"\n", a->clobbers[i]);
  for (unsigned i = 0; i < a->n_labels; i++)
    fprintf (stderr, "  label \"%s\"\n", a->labels[i]);
  if (r)
    {
      fprintf (stderr, "result: %s, %u reasons, %u notes\n",
               r->verdict == SA_ACCEPT ? "accept" : r->verdict == SA_REJECT ? "reject" : "unchecked",
               r->n_reasons, r->n_notes);
      for (unsigned i = 0; i < r->n_reasons && i < SA_MAX_REASONS; i++)
        fprintf (stderr, "  [%s] %.*s\n", sa_code_name (r->reasons[i].code), SA_MSG_LEN,
                 r->reasons[i].message);
    }
}

/* A decoded input: the statement and what it points into.  */
struct fuzz_stmt {
  struct sa_asm a;
  struct sa_operand ops[2 * FUZZ_MAXOPS];
  const char *clobbers[FUZZ_MAXLIST], *labels[FUZZ_MAXLIST];
  char buf[FUZZ_MAXINPUT + 1];
};

/* Decode DATA into *ST.  Returns 0, or -1 for an input to leave out.  */
static int
fuzz_decode (const uint8_t *data, size_t size, struct fuzz_stmt *st)
{
  struct sa_operand *ops = st->ops;
  struct sa_asm a;
  struct reader rd;
  unsigned q, n;

  if (size > FUZZ_MAXINPUT)
    return -1;
  memcpy (st->buf, data, size);
  st->buf[size] = 0;
  rd.p = st->buf;
  rd.end = st->buf + size;

  memset (&a, 0, sizeof a);
  memset (st->ops, 0, sizeof st->ops);
  q = get_byte (&rd);
  a.is_volatile = !!(q & 1);
  a.is_goto = !!(q & 2);
  a.basic = !!(q & 4);
  a.dialect = q & 8 ? SA_DIALECT_INTEL : SA_DIALECT_ATT;
  a.policy = q & 16 ? SA_POLICY_STRICT : SA_POLICY_CONTRACT;
  a.no_red_zone = !!(q & 32);
  a.frame_pointer = !!(q & 64);
  a.is_inline = !!(q & 128);
  n = get_byte (&rd);
  a.n_outputs = n & 15;
  a.n_inputs = n >> 4;
  n = get_byte (&rd);
  a.n_clobbers = n & 15;
  a.n_labels = n >> 4;
  a.tmpl = get_string (&rd);
  for (unsigned i = 0; i < a.n_outputs + a.n_inputs; i++)
    {
      struct sa_operand *o = &ops[i];
      unsigned k;
      o->size = get_byte (&rd);
      k = get_byte (&rd);
      o->kind = (enum sa_kind) ((k & 7) % 5);
      o->value = (int) (get_byte (&rd) & 63);
      o->addr_uses = get_u64 (&rd) & ~1ULL;
      if (k & 128)
        {
          o->has_const = 1;
          o->const_value = (long long) get_u64 (&rd);
        }
      o->constraint = get_string (&rd);
      if (k & 32)
        o->name = get_string (&rd);
      if (k & 64)
        o->reg = get_string (&rd);
    }
  for (unsigned i = 0; i < a.n_clobbers; i++)
    st->clobbers[i] = get_string (&rd);
  for (unsigned i = 0; i < a.n_labels; i++)
    st->labels[i] = get_string (&rd);
#ifdef SAFEASM_FUZZ_SKIP_KNOWN
  /* Build with -DSAFEASM_FUZZ_SKIP_KNOWN to look past bugs already
     reported: \001 and \002 in a template (template.c's placeholder
     bytes), and matching constraints of 10 digits or more.  */
  if (strchr (a.tmpl, '\001') || strchr (a.tmpl, '\002'))
    return -1;
  for (unsigned i = 0; i < a.n_outputs + a.n_inputs; i++)
    for (const char *c = ops[i].constraint; *c; c++)
      if (strspn (c, "0123456789") >= 10)
        return -1;
#endif
  a.outputs = ops;
  a.inputs = ops + a.n_outputs;
  a.clobbers = st->clobbers;
  a.labels = st->labels;
  st->a = a;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static struct fuzz_stmt st;
  struct sa_result r1, r2;
  int dumping = getenv ("SAFEASM_FUZZ_DUMP") != NULL;

  if (fuzz_decode (data, size, &st) < 0)
    return -1;                  /* not added to the corpus */

  /* Garbage in the results, so that a string the analyzer does not
     terminate is seen.  */
  memset (&r1, 0xa5, sizeof r1);
  memset (&r2, 0x5a, sizeof r2);
  if (dumping)
    dump (&st.a, NULL);
  if (sa_analyze (&st.a, &r1) != r1.verdict)
    fail ("sa_analyze returns another verdict than it stores", (unsigned) r1.verdict);
  if (dumping)
    dump (&st.a, &r1);
  check_result (&r1);
  sa_analyze (&st.a, &r2);
  if (r1.verdict != r2.verdict || r1.n_reasons != r2.n_reasons || r1.n_notes != r2.n_notes
      || r1.n_insns != r2.n_insns || !same_reasons (r1.reasons, r2.reasons, r1.n_reasons)
      || !same_reasons (r1.notes, r2.notes, r1.n_notes) || strcmp (r1.summary, r2.summary))
    fail ("two runs on the same statement differ", 0);
  return 0;
}
