/* compat.h -- the few differences between the GCC plugin APIs safeasm
   is built against, keyed on GCCPLUGIN_VERSION_MAJOR (the GCC whose
   headers we compile against, not the compiler compiling us).  */

#ifndef SAFEASM_COMPAT_H
#define SAFEASM_COMPAT_H

/* plugin-version.h defines the version macros but also a few static
   variables that only plugin.cc uses; keep the other files quiet.  */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "plugin-version.h"
#pragma GCC diagnostic pop

#if GCCPLUGIN_VERSION_MAJOR < 11
# error "safeasm needs the plugin headers of GCC 11 or later"
#endif

/* Pass position: the first pass of all_lowering_passes, which runs
   right after gimplification while the body is still high GIMPLE
   (passes.def of GCC 11 and 12: pass_warn_unused_result, whose name
   is "*warn_unused_result").  */
#define SAFEASM_REF_PASS "*warn_unused_result"

/* The mangled name of the C++ front end's printable-name verbosity
   that shows a function's signature ("int f(int)").  */
#define SAFEASM_NAME_VERBOSITY 2

#endif /* SAFEASM_COMPAT_H */
