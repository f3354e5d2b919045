# SPDX-License-Identifier: ISC
"""Helpers of bench/run."""
