CREATE DATABASE "nuzantara";
