# demo.mk -- `make demo' in the top build directory runs this makefile
# in <build>/examples: build demo.c with the plugin, then run it.
#   PLUGIN  the plugin (safeasm.so)      CC   the GCC it belongs to
#   SRC     the directory of demo.c
PLUGIN ?= ../plugin/.libs/safeasm.so
CC ?= gcc
SRC ?= .

demo: safeasm-demo
	@echo "== running ./safeasm-demo: the bswap result, then the trap (SIGILL)"
	@./safeasm-demo; status=$$?; \
	if test $$status -eq 132; then echo "== killed by SIGILL, as expected"; \
	else echo "== exit status $$status; expected SIGILL (132)"; exit 1; fi

safeasm-demo: $(SRC)/demo.c $(PLUGIN)
	$(CC) -O2 -fplugin=$(PLUGIN) -o $@ $(SRC)/demo.c

clean:
	rm -f safeasm-demo

.PHONY: demo clean
