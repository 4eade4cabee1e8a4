// The loader runs first (host realm); the app starts only inside the widget's own iframe realm.
import { booted } from "./loader";
import { start } from "./app";

if (booted) start(booted);
