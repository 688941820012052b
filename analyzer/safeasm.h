/* safeasm.h -- the analyzer's public API.  An asm statement goes in as
   its template, operands, clobbers and qualifiers; a verdict with
   stable reason codes comes out.  No GCC headers, no global state.  */

#ifndef SAFEASM_H
#define SAFEASM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum sa_kind {
  SA_KIND_INT, SA_KIND_PTR, SA_KIND_FLOAT, SA_KIND_VECTOR, SA_KIND_OTHER
};

struct sa_operand {
  const char *constraint;       /* as written: "=&r", "+rm", "0", "=@ccz" */
  const char *name;             /* symbolic name ([name]) or NULL */
  const char *reg;              /* hard register of a register variable ("r10"), or NULL */
  unsigned size;                /* bytes of the C type, 0 if unknown */
  enum sa_kind kind;
  /* Value identity, for register sharing: operands whose expressions are
     equal have the same nonzero VALUE (1..63); 0 means a value no other
     operand has.  ADDR_USES has bit V set when the address of this
     (memory) operand is computed from value V ("+r" (p) : "m" (*p)).
     GCC may give an in-out operand's register to another input only when
     their values are equal.  */
  int value;
  unsigned long long addr_uses;
  /* An input whose value is a compile-time constant (a literal, or what
     GCC folded it to): HAS_CONST is 1 and CONST_VALUE holds it.  */
  int has_const;
  long long const_value;
};

enum sa_policy { SA_POLICY_CONTRACT, SA_POLICY_STRICT };
enum sa_dialect { SA_DIALECT_ATT, SA_DIALECT_INTEL };

struct sa_asm {
  const char *tmpl;             /* template, as written (before operand substitution) */
  int basic;                    /* basic asm: no operands, '%' is literal */
  int is_volatile;
  int is_goto;
  int is_inline;
  enum sa_dialect dialect;      /* the dialect GCC emits (-masm=) */
  const struct sa_operand *outputs;
  unsigned n_outputs;
  const struct sa_operand *inputs;
  unsigned n_inputs;
  const char *const *clobbers;
  unsigned n_clobbers;
  const char *const *labels;    /* asm goto labels, for %l */
  unsigned n_labels;
  enum sa_policy policy;
  /* Target facts for the function the asm is in.  */
  int no_red_zone;              /* -mno-red-zone: nothing lives below %rsp */
  int frame_pointer;            /* the function keeps its frame pointer in %rbp */
  int no_summary;               /* leave sa_result.summary empty (saves a third of the time
                                   of a typical accepted statement) */
};

enum sa_verdict { SA_ACCEPT, SA_REJECT, SA_UNCHECKED };

/* Reason codes.  The names (sa_code_name) are stable: reports, tests
   and documentation use them.  */
enum sa_code {
  SA_NOTE_NONE = 0,
  SA_UNKNOWN_INSN,              /* unknown-insn */
  SA_DIRECTIVE,                 /* directive */
  SA_TEMPLATE_SYNTAX,           /* template-syntax */
  SA_BAD_OPERAND,               /* bad-operand: operand form the instruction does not take */
  SA_CONSTRAINT,                /* constraint: a constraint the model does not understand */
  SA_CLOBBER_MISSING,           /* clobber-missing */
  SA_INPUT_WRITTEN,             /* input-written */
  SA_OUTPUT_READ,               /* output-read: "=r" read before written */
  SA_OUTPUT_UNSET,              /* output-unset: output not (fully) written */
  SA_UNDECLARED_READ,           /* undeclared-read: register read holding no input */
  SA_FLAGS_READ,                /* flags-read: flags read before the asm sets them */
  SA_EARLYCLOBBER,              /* earlyclobber: output written before an input is read */
  SA_MEMORY,                    /* memory: memory access the policy forbids */
  SA_CONTROL_FLOW,              /* control-flow */
  SA_STACK_USE,                     /* stack */
  SA_PRIVILEGED,                /* privileged */
  SA_NOT_PURE,                  /* not-pure: non-volatile asm with a nondeterministic insn */
  SA_DIALECT,                   /* dialect */
  SA_PREFIX,                    /* prefix: rep/lock on an instruction that does not take it */
  SA_TOO_COMPLEX,               /* too-complex: beyond the analyzer's limits */
  SA_REJECTED_INSN,             /* rejected-insn: known and deliberately rejected */
  SA_UNSUPPORTED,               /* unsupported: target or form not supported */
  SA_DIRECTION_FLAG,            /* direction-flag: DF left set on exit */
  SA_FRAME_POINTER,             /* frame-pointer: %rbp changed while it is the frame pointer */
  SA_X87_STACK,                 /* x87-stack: x87 stack depth or contents broken */
  /* Notes: do not reject.  */
  SA_NOTE_BSF_ZERO,             /* note-bsf-zero */
  SA_NOTE_TOPLEVEL,             /* note-toplevel */
  SA_NOTE_SEGMENT,              /* note-segment: %fs/%gs-relative access (TLS) */
  SA_CODE_COUNT
};

#define SA_MAX_REASONS 8
#define SA_MSG_LEN 240
#define SA_INSN_LEN 96

/* A mechanical fix that makes the contract true by strengthening it;
   mode=repair applies it, and diagnostics offer it as a fix-it.  */
enum sa_fix {
  SA_FIX_NONE = 0,
  SA_FIX_CLOBBER,               /* add FIX_REG to the clobbers ("rbx", "memory") */
  SA_FIX_INOUT,                 /* output FIX_OP: '=' becomes '+' */
  SA_FIX_EARLY,                 /* output FIX_OP: add '&' */
  SA_FIX_VOLATILE               /* make the asm volatile */
};

struct sa_reason {
  enum sa_code code;
  enum sa_fix fix;
  int fix_op;                   /* operand number for INOUT/EARLY, else -1 */
  char fix_reg[16];             /* clobber name for CLOBBER */
  unsigned line;                /* 1-based statement line within the template, 0 if none */
  char insn[SA_INSN_LEN];       /* the instruction as written (after %= etc.), "" if none */
  char message[SA_MSG_LEN];     /* a sentence about the user's asm */
};

struct sa_result {
  enum sa_verdict verdict;
  unsigned n_insns;
  unsigned n_reasons;           /* rejection reasons, first is the main one */
  struct sa_reason reasons[SA_MAX_REASONS];
  unsigned n_notes;
  struct sa_reason notes[SA_MAX_REASONS];
  /* For an accepted statement, its effects and the C it stands for:
     "reads %1, %2; writes %0; flags; no memory; story: %0 = f(%1, %2)".  */
  char summary[2 * SA_MSG_LEN];
};

/* Analyse IN.  Fills *OUT; returns OUT->verdict.  */
enum sa_verdict sa_analyze (const struct sa_asm *in, struct sa_result *out);


/* Stable name of CODE ("clobber-missing"); NULL for an invalid code.  */
const char *sa_code_name (enum sa_code code);
/* One-line description of CODE, for --help and docs.  */
const char *sa_code_summary (enum sa_code code);
/* CODE for NAME, or SA_NOTE_NONE.  */
enum sa_code sa_code_from_name (const char *name);
/* 1 if CODE is a note rather than a rejection reason.  */
int sa_code_is_note (enum sa_code code);

/* Identify one AT&T instruction TEXT, written as in basic asm (registers
   with one '%'): the index in x86db_forms of the form the analyzer
   matches it to, and the operation size in bytes in *OPSIZE (if not
   NULL).  -1 if TEXT is not one instruction or no form matches; then
   MSG (if not NULL) gets why, in at most MSGLEN bytes.  */
long sa_identify (const char *text, unsigned *opsize, char *msg, unsigned msglen);

/* ---- An asm statement read back from its C source (source.c) ----
   For fix-it hints: the statement's text is scanned from its keyword
   to its closing parenthesis, checked against what the compiler saw,
   and the edits that make its mechanical fixes are computed, each at a
   byte offset of the text.  Any construct the scanner does not follow
   exactly makes it give up (returns 0): no hint is ever a guess.  */

#define SA_SRC_MAX_OPERANDS 64  /* per section; more: no hint */
#define SA_SRC_MAX_CLOBBERS 256
#define SA_SRC_MAX_FIX_CLOBBERS 16

/* Line LINE (1-based) of the file, without its newline, in *TEXT and
   *LEN (valid until the next call); 0 if there is no such line.  */
typedef int (*sa_line_fn) (void *ctx, int line, const char **text, size_t *len);

/* The lines read so far, from FIRST_LINE on, each ended by '\n'.  */
struct sa_src {
  sa_line_fn get_line;
  void *ctx;
  int first_line;
  char *text;
  size_t len, cap;
  size_t *starts;               /* offset of each line in TEXT */
  unsigned nlines, cap_lines;
  int done;                     /* end of file, of the limits or of memory */
};

/* A string literal, or adjacent ones, decoded.  RAW[i] is the offset
   in the text of the first character that spelled byte I, PLAIN[i]
   whether it was spelled as itself (not an escape).  BYTES is NULL
   while N is 0.  */
struct sa_lit {
  char *bytes;
  size_t *raw;
  unsigned char *plain;
  size_t n, cap;
  size_t close;                 /* offset of the last closing quote */
};

struct sa_src_asm {
  size_t kw_end;                /* just after the asm keyword */
  int kw_plain;                 /* the keyword is "asm" */
  int has_volatile, has_goto;
  struct sa_lit tmpl;
  unsigned nsect;               /* ':' sections present, 0 to 4 */
  size_t colon[4];
  unsigned nops[2];             /* outputs, inputs */
  struct sa_lit *ops[2];
  unsigned nclob;
  char **clob;
  size_t clob_end;              /* after the last clobber literal */
  unsigned nlab;
  size_t last_end;              /* after the last token before ')' */
};

/* What the compiler saw: the template and constraints as its front
   end resolved them (named operands numbered, "+" split into "=" and
   an input), clobbers in any order (a NULL one matches nothing).  */
struct sa_src_stmt {
  const char *tmpl;
  int basic;
  unsigned n_labels;
  const char *const *constraints; /* outputs, then inputs */
  unsigned n_outputs, n_inputs;
  const char *const *clobbers;
  unsigned n_clobbers;
};

/* The mechanical fixes to spell (struct sa_reason's FIX, merged).  */
struct sa_src_fixes {
  int make_volatile;
  unsigned long long inout;     /* outputs whose '=' becomes '+' */
  unsigned long long early;     /* outputs that get '&' */
  const char *const *clobbers;  /* register names, at most 16 bytes */
  unsigned n_clobbers;          /* at most SA_SRC_MAX_FIX_CLOBBERS */
};

struct sa_edit {
  size_t off;                   /* byte offset in the text */
  size_t len;                   /* bytes replaced: 0 for an insertion */
  char *text;
};

struct sa_edits {
  struct sa_edit *e;
  unsigned n, cap;
};

void sa_src_init (struct sa_src *s, sa_line_fn get_line, void *ctx, int first_line);
void sa_src_free (struct sa_src *s);
/* Parse the statement whose keyword is at COLUMN (1-based) of the
   first line.  1 on success; either way, free A with sa_src_asm_free.  */
int sa_src_parse (struct sa_src *s, size_t column, struct sa_src_asm *a);
void sa_src_asm_free (struct sa_src_asm *a);
/* 1 if the parsed statement A is what the compiler saw, G.  */
int sa_src_matches (const struct sa_src_asm *a, const struct sa_src_stmt *g);
/* 1 if SRC (N bytes, as written) is G as the front end left it: named
   operand references ("%[name]", "%l[name]" in a template, TMPL
   nonzero; "[name]" in a constraint) may have become numbers.  */
int sa_src_same_resolved (const char *src, size_t n, const char *g, int tmpl);
/* The edits that make FX's fixes to A, sorted by offset, none
   overlapping another or sharing its position: their number, or 0 if
   some fix cannot be spelled (ED is then empty).  */
int sa_src_edits (struct sa_edits *ed, const struct sa_src_asm *a,
                  const struct sa_src_fixes *fx);
void sa_edits_free (struct sa_edits *ed);
/* The line and 1-based column of byte OFF of the text; 0 if none.  */
int sa_src_position (const struct sa_src *s, size_t off, int *line, unsigned *column);

#ifdef __cplusplus
}
#endif

#endif
