libvtun_a_SOURCES += client/client.c client/client.h
