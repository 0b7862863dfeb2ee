#!/bin/sh
echo BSPWN
