/* internal.h -- data shared by the analyzer's passes: the operand model
   (from constraints), parsed instructions (from the template), and the
   abstract machine state the checks run over.  */

#ifndef SAFEASM_INTERNAL_H
#define SAFEASM_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include "safeasm.h"
#include "x86db.h"

#define MAX_OPERANDS 32         /* GCC allows 30, "+" inputs included; more is too-complex */
#define MAX_LABELS 64
#define MAX_INSNS 4096
#define MAX_TEMPLATE 65536

/* A set of architectural registers.  */
typedef struct { uint64_t w[2]; } regset;

static inline void rs_add (regset *s, int r) { s->w[r >> 6] |= (uint64_t) 1 << (r & 63); }
static inline void rs_del (regset *s, int r) { s->w[r >> 6] &= ~((uint64_t) 1 << (r & 63)); }
/* Remove the lowest member of S and return it; -1 if S is empty.  */
static inline int rs_pop (regset *s)
{
  for (int k = 0; k < 2; k++)
    if (s->w[k])
      {
        int r = k * 64 + __builtin_ctzll (s->w[k]);
        s->w[k] &= s->w[k] - 1;
        return r;
      }
  return -1;
}
static inline int rs_has (const regset *s, int r) { return (s->w[r >> 6] >> (r & 63)) & 1; }
static inline int rs_empty (const regset *s) { return !(s->w[0] | s->w[1]); }
static inline int rs_meets (const regset *a, const regset *b)
{ return ((a->w[0] & b->w[0]) | (a->w[1] & b->w[1])) != 0; }
int rs_count (const regset *s);
int rs_first (const regset *s);

/* State locations: the architectural registers, then the tracked
   flags (CF PF AF ZF SF OF DF, in x86db bit order), then one virtual
   register per asm operand that GCC allocates.  */
#define LOC_FLAG0 X86_NREGS
#define NFLAGS 7
#define LOC_V0 (LOC_FLAG0 + NFLAGS)
#define NLOC (LOC_V0 + MAX_OPERANDS)
_Static_assert (NLOC <= 128, "a regset holds every location");

/* ---- operands (constraints.c) ---- */

enum { OPK_REG = 1, OPK_MEM = 2, OPK_IMM = 4 };

struct opnd {
  int no;                       /* operand number as %N counts */
  int output;                   /* an output ('=' or '+') */
  int inout;                    /* '+' */
  int early;                    /* '&' in every alternative */
  int tied;                     /* input: the output it is tied to, else -1 */
  int tied_by;                  /* output: an input tied to it, else -1 */
  unsigned kinds;               /* OPK_* the operand may take */
  regset regs;                  /* registers it may be allocated to */
  int fixed[2];                 /* the register(s) it must be in (A pair), 0 if none */
  int flagcc;                   /* "=@ccCOND": flags the condition reads, 0 if not */
  char ccname[8];
  int value;                    /* value identity (sa_operand.value) */
  int has_const;                /* an input with a known constant value */
  long long const_value;
  unsigned long long addr_uses; /* values its address is computed from */
  unsigned size;                /* C type bytes */
  enum sa_kind kind;
  const char *name;             /* symbolic name or NULL */
  const char *constraint;
  int loc;                      /* location of its register (state index), -1 if none */
};

struct model {
  const struct sa_asm *in;
  int nops;                     /* outputs + inputs */
  int nout;
  struct opnd op[MAX_OPERANDS];
  regset clobbered;             /* registers named in clobbers */
  int clob_memory, clob_cc, clob_fpsr;
  int nlabels;
};

/* ---- instructions (template.c) ---- */

enum { LBL_NONE, LBL_LOCAL, LBL_GOTO, LBL_SYMBOL };

/* One operand of one instruction, after operand substitution.  */
struct iop {
  unsigned kinds;               /* X86_K_* it may be */
  int reg;                      /* physical register, 0 if none */
  int opno;                     /* asm operand (register/memory/immediate alternatives), -1 */
  unsigned width;               /* register width in bytes, 0 if unknown */
  unsigned mwidth;              /* bytes accessed if it is memory (from the form) */
  unsigned offset;              /* byte offset (ah) */
  int indirect;                 /* '*' before a jump/call target */
  /* memory syntax */
  int seg;
  int base, index;              /* physical registers */
  int base_op, index_op;        /* asm operands used as address registers, -1 */
  int mem_op;                   /* asm operand that is a whole memory reference, -1 */
  int has_disp;                 /* a displacement/symbol was given */
  int disp_known;               /* ... and it is this number: */
  long disp;
  int disp_symbolic;            /* the displacement names a symbol */
  /* branch targets */
  int lbl;                      /* LBL_* */
  int lblnum;                   /* numeric local label, or goto label index */
  char lbldir;                  /* 'b' or 'f' for numeric labels */
  /* AVX-512 decorations */
  int mask;                     /* {%kN}: the write mask register, 0 if none */
  int mask_op;                  /* {%N} with operand N a mask register, -1 */
  int zeroing;                  /* {z} */
  int bcst;                     /* {1toN}: N, 0 if not a broadcast */
  int rounding;                 /* a whole {rn-sae}-style operand: RND_* */
  int imm_known;                /* an immediate whose value is known: */
  long long imm;
  char lblname[64];             /* last: parse_operand clears what comes before */
};

enum { RND_NONE, RND_ER, RND_SAE };

enum { PFX_LOCK = 1, PFX_REP = 2, PFX_REPE = 4, PFX_REPNE = 8 };

struct insn {
  unsigned line;                /* template line, 1-based */
  char text[SA_INSN_LEN];       /* as written */
  char mnem[32];                /* as written, lower case */
  unsigned prefixes;
  int nops;
  struct iop ops[X86_MAX_OPS];
  const struct x86_form *form;  /* matched form, NULL if none */
  const struct x86_form *base;  /* the x86db form it was matched to (form may be xform) */
  struct x86_form xform;        /* the form as decorated ({%k1}{z}, {1to16}): form points here */
  int rounding;                 /* RND_*: {rn-sae} or {sae} was given */
  unsigned xattrs;              /* attributes of the forms of the other operand choices
                                   ("rm": the memory form's X86_F_BITSTR) */
  unsigned opsize;              /* operation size in bytes */
  int target;                   /* branch target insn index, -1 exit, -2 none */
  int goto_exit;                /* jumps to an asm goto label */
};

struct labeldef { char name[64]; int num; int at; };

#define PROG_INLINE 4            /* instructions a prog holds without malloc */

struct prog {
  int ninsns;
  int cap;                      /* insns allocated */
  struct insn *insns;           /* INL, or from malloc when it outgrows it */
  struct insn inl[PROG_INLINE];
  int nlabels;
  struct labeldef labels[MAX_LABELS * 4];
};

/* ---- results (analyze.c) ---- */

/* Add a reason (or, for a note code, a note) to RES, unless the same
   one is there.  Returns it, or NULL if it was a duplicate or RES is
   full.  */
struct sa_reason *add_reason (struct sa_result *res, enum sa_code code,
                              const struct insn *in, const char *fmt, ...)
#if defined __GNUC__
  __attribute__ ((format (printf, 4, 5)))
#endif
  ;

/* format.c: snprintf and vsnprintf, faster (see there).  */
int sa_snprintf (char *buf, size_t size, const char *fmt, ...)
#if defined __GNUC__
  __attribute__ ((format (printf, 3, 4)))
#endif
  ;
int sa_vsnprintf (char *buf, size_t size, const char *fmt, va_list ap);

/* constraints.c */
int parse_operands (struct model *m, const struct sa_asm *in, struct sa_result *res);
const char *opnd_label (const struct model *m, int no, char *buf, unsigned len);

/* template.c */
int parse_template (struct prog *p, const struct model *m, struct sa_result *res);
void free_prog (struct prog *p);

/* effects.c */
int match_forms (struct prog *p, const struct model *m, struct sa_result *res);

/* check.c */
void check_prog (const struct prog *p, const struct model *m, struct sa_result *res);

#endif
