// SPDX-License-Identifier: GPL-2.0
/*
 * sim_stm32_rproc_upstream: the emulated STM32MP coprocessor driver built against
 * the upstream-series API rproc_tee_*(struct rproc *).  Same source as
 * sim_stm32_rproc.c; see there.
 */
#define SIM_UPSTREAM_API
#include "sim_stm32_rproc.c"
