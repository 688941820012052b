/* x86db.h -- the x86-64 instruction database: register file, operand
   kinds, and one record per instruction form.  Facts only: the analyzer
   interprets these records, x86db never looks at GCC or at templates.  */

#ifndef SAFEASM_X86DB_H
#define SAFEASM_X86DB_H

#include <stddef.h>
#include <stdint.h>

/* Architectural registers.  Sub-registers (eax, ax, al, ah) and vector
   views (xmm0, ymm0, zmm0) are names for a slice of one of these.  */
enum x86_reg {
  X86_NOREG = 0,
  X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
  X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
  X86_RIP,
  X86_XMM0,                     /* X86_XMM0 + n for xmm/ymm/zmm n, n < 32 */
  X86_K0 = X86_XMM0 + 32,       /* X86_K0 + n, n < 8 */
  X86_MM0 = X86_K0 + 8,         /* X86_MM0 + n, n < 8 */
  X86_ST0 = X86_MM0 + 8,        /* X86_ST0 + n: x87 stack slot st(n) */
  X86_MXCSR = X86_ST0 + 8,
  X86_FPCW,                     /* x87 control word */
  X86_FPSW,                     /* x87 status word */
  X86_ES, X86_CS, X86_SS, X86_DS, X86_FS, X86_GS,
  X86_NREGS
};

#define X86_IS_GPR(r)  ((r) >= X86_RAX && (r) <= X86_R15)
#define X86_IS_VEC(r)  ((r) >= X86_XMM0 && (r) < X86_XMM0 + 32)
#define X86_IS_MASK(r) ((r) >= X86_K0 && (r) < X86_K0 + 8)
#define X86_IS_MMX(r)  ((r) >= X86_MM0 && (r) < X86_MM0 + 8)
#define X86_IS_ST(r)   ((r) >= X86_ST0 && (r) < X86_ST0 + 8)
#define X86_IS_SEG(r)  ((r) >= X86_ES && (r) <= X86_GS)

/* Arithmetic flags (EFLAGS bits we track).  */
enum {
  X86_CF = 1 << 0, X86_PF = 1 << 1, X86_AF = 1 << 2, X86_ZF = 1 << 3,
  X86_SF = 1 << 4, X86_OF = 1 << 5, X86_DF = 1 << 6,
  X86_STATUS_FLAGS = X86_CF | X86_PF | X86_AF | X86_ZF | X86_SF | X86_OF
};

/* A register name as the assembler spells it (without '%'): the
   register, how many bytes the name covers and at which byte it starts
   ("ah" is 1 byte at offset 1 of rax).  */
struct x86_regname {
  const char *name;
  unsigned char reg;            /* enum x86_reg */
  unsigned char size;           /* bytes */
  unsigned char offset;         /* byte offset inside the register */
};

/* Look up "eax", "r10d", "xmm3", "ymm17", "k1", "mm0", "st", "st(2)",
   "fs" ...  Case-insensitive, no leading '%'.  NULL if unknown.  */
const struct x86_regname *x86_regname_lookup (const char *name, size_t len);
/* The canonical name of REG at SIZE bytes ("rax" at 4 is "eax"), for
   messages.  */
const char *x86_reg_name (int reg, unsigned size);

/* Operand kinds a form accepts (bit set).  */
enum {
  X86_K_GPR = 1 << 0,           /* R  general register */
  X86_K_MEM = 1 << 1,           /* M  memory, accessed */
  X86_K_IMM = 1 << 2,           /* I  immediate */
  X86_K_XMM = 1 << 3,           /* X  xmm register */
  X86_K_YMM = 1 << 4,           /* Y  ymm register */
  X86_K_ZMM = 1 << 5,           /* Z  zmm register */
  X86_K_MASK = 1 << 6,          /* K  AVX-512 mask register */
  X86_K_MMX = 1 << 7,           /* P  mmx register */
  X86_K_CL = 1 << 8,            /* C  exactly %cl (variable shift count) */
  X86_K_ADDR = 1 << 9,          /* A  memory syntax, not accessed (lea, nop, prefetch) */
  X86_K_LABEL = 1 << 10,        /* L  branch target */
  X86_K_ST = 1 << 11,           /* S  x87 register st(i) */
  X86_K_SEG = 1 << 12           /* G  segment register */
};

/* How a form uses an operand or an implicit register.  */
enum {
  X86_A_R = 1 << 0,             /* read */
  X86_A_W = 1 << 1,             /* written */
  X86_A_COND = 1 << 2,          /* only written under a condition (implies the old value survives) */
  X86_A_MEM = 1 << 3,           /* implicit only: memory addressed by this register is accessed
                                   with R/W; the register itself is not */
  X86_A_ZX = 1 << 4,            /* write zero-extends to the full register (set by the
                                   generator for 32-bit GPR writes; VEX writes of vectors) */
  X86_A_SOFT = 1 << 5           /* implicit read the instruction may ignore (cpuid's ecx
                                   for leaves without sub-leaves): not required to hold a value */
};

/* Size suffixes a form accepts (AT&T "addb addw addl addq").  */
enum { X86_SFX_B = 1, X86_SFX_W = 2, X86_SFX_L = 4, X86_SFX_Q = 8 };

/* Width 0 means "the operation size": from the suffix or from the
   register operands.  */
struct x86_opspec {
  unsigned char access;         /* X86_A_* */
  unsigned short kinds;         /* X86_K_* */
  unsigned char width;          /* bytes, 0 = operation size */
  unsigned char reg;            /* the one register it may be (fnstsw %ax), 0 if any */
};

struct x86_implicit {
  unsigned char access;         /* X86_A_* */
  unsigned char reg;            /* enum x86_reg */
  unsigned char width;          /* bytes, 0 = operation size */
  unsigned char offset;         /* byte offset inside the register (ah: 1) */
};

enum x86_flow {
  X86_FLOW_NONE = 0,
  X86_FLOW_JCC,                 /* conditional jump to the label operand */
  X86_FLOW_JMP,                 /* unconditional jump to the operand */
  X86_FLOW_CALL,
  X86_FLOW_RET,
  X86_FLOW_TRAP,                /* int, int3, ud2, hlt ... */
  X86_FLOW_SYSCALL
};

enum x86_class {
  X86_C_SAFE = 0,               /* a pure function of its operands */
  X86_C_NONDET,                 /* result is not a function of the inputs (rdtsc, rdrand) */
  X86_C_STACK,                  /* uses the stack pointer (push, pop) */
  X86_C_FLOW,                   /* transfers control */
  X86_C_SYSTEM,                 /* enters the kernel */
  X86_C_PRIV,                   /* privileged: faults in user space */
  X86_C_REJECT                  /* known, and deliberately rejected (see why) */
};

/* Attributes.  */
enum {
  X86_F_ZERO_IDIOM = 1 << 0,    /* same register twice: result is 0, operand not read */
  X86_F_ONES_IDIOM = 1 << 1,    /* same register twice: result is all ones, not read */
  X86_F_UNDEF_IF_ZERO = 1 << 2, /* destination unchanged/undefined for a zero source (bsf, bsr) */
  X86_F_STRING = 1 << 3,        /* string instruction: rep prefixes allowed */
  X86_F_REPE = 1 << 4,          /* repe/repne meaningful (cmps, scas) */
  X86_F_LOCK = 1 << 5,          /* lock prefix allowed with a memory destination */
  X86_F_MOVE = 1 << 6,          /* copies its source unchanged to its destination (mov, xchg) */
  X86_F_XCHG = 1 << 7,          /* swaps its two operands */
  X86_F_VEX = 1 << 8,           /* VEX/EVEX encoded: register writes clear the upper bits */
  X86_F_REP_OK = 1 << 9,        /* a rep prefix keeps this form's effects (rep nop is pause,
                                   rep bsf is tzcnt on BMI1 CPUs) */
  X86_F_EVEX = 1 << 10,         /* has an EVEX encoding (evex=FEATURE): {%kN} write masking
                                   and {z} zeroing allowed on the destination */
  X86_F_ER = 1 << 11,           /* embedded rounding {rn-sae} {rd-sae} {ru-sae} {rz-sae} */
  X86_F_SAE = 1 << 12,          /* {sae}: suppress all exceptions */
  X86_F_COUNT = 1 << 14,        /* the first operand is an immediate shift or rotate count:
                                   its flags are written only if the count masked to 5 or 6
                                   bits is not 0 (else they stay as they were) */
  X86_F_BITSTR = 1 << 13        /* bt* with a register bit offset: the memory operand is only
                                   the base of a bit string that reaches far either side */
};

#define X86_MAX_OPS 5            /* 4 in the table; the analyzer adds an opmask */
#define X86_MAX_IMP 16

/* The strings of the forms, in one array: a form holds offsets into it
   (so that the table has no pointers, which a shared object such as the
   plugin would have to relocate, writing every page, at load time; and
   16-bit offsets keep the forms small).  Use the accessors below.  */
extern const char x86db_strings[];

struct x86_form {
  uint16_t mnemonic_at;         /* as written in the table, lower case, no suffix */
  unsigned char suffixes;       /* X86_SFX_* accepted after the mnemonic */
  unsigned char nops;
  struct x86_opspec ops[X86_MAX_OPS];   /* AT&T order: sources first, destination last */
  unsigned char nimp;           /* implicit registers: x86_imp (f)[0 .. nimp) */
  uint16_t imp_at;
  unsigned char flags_read, flags_written, flags_undef;
  unsigned char flags_zero;     /* written flags that are set to 0 (cld, clc) */
  unsigned short attrs;         /* X86_F_* */
  unsigned char flow;           /* enum x86_flow */
  signed char stack;            /* bytes the stack pointer moves: -8 push, +8 pop */
  signed char x87;              /* x87 register stack: +1 push, -1 pop, -2 two pops */
  unsigned char cls;            /* enum x86_class */
  unsigned char bcst;           /* a memory source may be {1toN}, elements of this many bytes; 0 no */
  uint16_t feature_at;          /* CPUID feature, "" for base x86-64 */
  uint16_t evex_feature_at;     /* CPUID feature of the EVEX encoding (masking, xmm16-31), "" */
  uint16_t why_at;              /* reason, for X86_C_REJECT/PRIV forms; "" otherwise */
  uint16_t group_at;            /* table section, for listings */
};

/* The implicit registers of all forms, a form's NIMP of them at its
   IMP_AT (kept apart: most forms have none or a few, and the forms stay
   small, so a lookup reads few pages).  */
extern const struct x86_implicit x86db_implicits[];

static inline const struct x86_implicit *x86_imp (const struct x86_form *f)
{ return x86db_implicits + f->imp_at; }

static inline const char *x86_mnemonic (const struct x86_form *f)
{ return x86db_strings + f->mnemonic_at; }
static inline const char *x86_feature (const struct x86_form *f)
{ return x86db_strings + f->feature_at; }
static inline const char *x86_evex_feature (const struct x86_form *f)
{ return x86db_strings + f->evex_feature_at; }
static inline const char *x86_why (const struct x86_form *f)
{ return x86db_strings + f->why_at; }
static inline const char *x86_group (const struct x86_form *f)
{ return x86db_strings + f->group_at; }

/* Whether cpuid leaf LEAF takes a sub-leaf in ecx (4, 7, 0xb, 0xd...).  */
int x86db_cpuid_leaf_has_subleaf (unsigned long leaf);
/* Whether cpuid leaf LEAF answers differently on different processors
   of one machine (APIC ids, core type).  */
int x86db_cpuid_leaf_per_core (unsigned long leaf);

/* All forms; those of one mnemonic are adjacent, in table order.  The
   mnemonics of x86.tbl come first (gen.c), so the everyday instructions
   share a few pages.  */
extern const struct x86_form x86db_forms[];
extern const size_t x86db_nforms;

/* The forms of MNEMONIC (exact spelling, lower case) as [*first,
   *first + count).  Returns count, 0 if none.  */
size_t x86db_lookup (const char *mnemonic, size_t len, const struct x86_form **first);

/* The hash table x86db_lookup searches, generated with the forms (so a
   lookup reads a slot and the forms it names, not the whole table):
   open addressing by X86DB_HASH of the mnemonic, linear probing.  */
#define X86DB_MN_SLOTS 4096     /* a power of two, over twice the mnemonics */
struct x86db_mnslot {
  uint16_t first;               /* index of the first form + 1; 0: empty */
  uint16_t count;
};
extern const struct x86db_mnslot x86db_mnemonics[X86DB_MN_SLOTS];

static inline unsigned x86db_hash (const char *s, size_t n)
{
  unsigned h = 2166136261u;     /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char) s[i]) * 16777619u;
  return h & (X86DB_MN_SLOTS - 1);
}

/* Decode the machine code B[0..N) as one instruction of the database
   (legacy and VEX encodings from enc.tbl; not EVEX): write its AT&T
   text, registers with one '%', to ATT (CAP bytes) and return the
   number of bytes it takes; 0 if the bytes do not start with an
   instruction the database knows (or the text does not fit).  */
size_t x86db_decode (const unsigned char *b, size_t n, char *att, size_t cap);

#endif
