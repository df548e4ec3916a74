/**
 * A chat with typed events: {@link io.sente4j.examples.typedchat.Chat} describes them once, codec-generator
 * writes the codecs and the typed APIs, and {@link io.sente4j.examples.typedchat.ChatService} is the server logic.
 */
package io.sente4j.examples.typedchat;
